namespace ConfigAdmin.Core.Access;

/// <summary>What a caller may do to one application.</summary>
public enum AppPermission
{
    /// <summary>See it, its keys (secret values masked), history, clients and audit entries.</summary>
    Read,

    /// <summary>Create, change and delete its keys and overrides; read secret values in clear (audited).</summary>
    Edit,

    /// <summary>Change or delete the application itself.</summary>
    Administer,
}

/// <summary>
/// The one rule of who may do what to an application: viewer reads, editor (or admin) edits, admin administers; client
/// keys only read resolved configuration, which is <see cref="Caller.CanClientRead"/>'s rule. Services enforce it
/// (<see cref="AccessChecks.Ensure(Caller, AppPermission, ConfigAdmin.Core.Applications.Application, string)"/>), pages ask it
/// (<c>ApplicationService.AllowsAsync</c>), routes require it (<c>Policies.EditApplication</c> in ConfigAdmin.Web).
/// </summary>
public static class Permissions
{
    /// <summary>True when <paramref name="role"/> (the caller's strongest on the application, or none) allows <paramref name="permission"/>.</summary>
    public static bool Allows(this Role? role, AppPermission permission) => permission switch
    {
        AppPermission.Read => role is Role.Viewer or Role.Editor or Role.Admin,
        AppPermission.Edit => role is Role.Editor or Role.Admin,
        AppPermission.Administer => role is Role.Admin,
        _ => false,
    };
}
