using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Access;

/// <summary>
/// The checks services run before they touch an application. An application outside the caller's list is a 404 naming
/// it as the caller asked, exactly as one that does not exist, so names (and their stored spelling) cannot be probed;
/// one inside it without the right is a 403.
/// </summary>
public static class AccessChecks
{
    /// <summary>
    /// Throws unless the caller may do <paramref name="permission"/> to <paramref name="app"/>; <paramref name="asked"/>
    /// is the name as the request spelled it (only it appears in a 404).
    /// </summary>
    public static void Ensure(this Caller caller, AppPermission permission, Application app, string asked) =>
        caller.Ensure(permission, app.Id, asked, app.Name);

    /// <summary>The same by id: <paramref name="asked"/> names it in a 404, <paramref name="name"/> (its stored name) in a 403.</summary>
    public static void Ensure(this Caller caller, AppPermission permission, Guid application, string asked, string? name = null)
    {
        if (!caller.Can(AppPermission.Read, application)) throw new NotFoundException("Application", asked);
        if (caller.Can(permission, application)) return;
        throw new ForbiddenException(permission == AppPermission.Administer
            ? $"Changing or deleting '{name ?? asked}' needs the admin role on it."
            : $"This needs the editor role on '{name ?? asked}'.");
    }

    /// <summary>Environments, users, API keys and new applications belong to no one application: admin of all.</summary>
    public static void EnsureGlobalAdmin(this Caller caller, string what)
    {
        if (!caller.IsGlobalAdmin) throw new ForbiddenException($"{what} needs the admin role on every application (*).");
    }

    /// <summary>
    /// The client read: an application no role covers is a 404; an environment outside a client key's list a 403.
    /// Returns how the document shows secrets to this caller.
    /// </summary>
    public static SecretView EnsureCanClientRead(this Caller caller, Guid application, string applicationName, string environment)
    {
        if (!caller.Covers(application)) throw new NotFoundException("Application", applicationName);
        if (!caller.CanClientRead(application, environment))
            throw new ForbiddenException($"This key may not read the '{environment}' environment.");
        return caller.SecretViewOn(application);
    }

    /// <summary>Lists and reads of the admin surface: any viewer, editor or admin; not a client key, not anonymous.</summary>
    public static void EnsureAdminSurface(this Caller caller)
    {
        if (!caller.HasAdminSurface) throw new ForbiddenException("This needs a viewer, editor or admin role; client keys may only read resolved configuration.");
    }
}
