using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Access;

/// <summary>
/// The checks services run before they touch an application. An application outside the caller's list is a 404, as
/// if it did not exist, so names cannot be probed; one inside it without the right is a 403.
/// </summary>
public static class AccessChecks
{
    public static void EnsureCanRead(this Caller caller, Application app) => caller.EnsureCanRead(app.Id, app.Name);

    public static void EnsureCanRead(this Caller caller, Guid application, string name)
    {
        if (!caller.CanRead(application)) throw new NotFoundException("Application", name);
    }

    public static void EnsureCanEdit(this Caller caller, Application app) => caller.EnsureCanEdit(app.Id, app.Name);

    /// <summary>Changing keys and overrides, and reading secret values in clear, need the editor role.</summary>
    public static void EnsureCanEdit(this Caller caller, Guid application, string name)
    {
        caller.EnsureCanRead(application, name);
        if (!caller.CanEdit(application)) throw new ForbiddenException($"This needs the editor role on '{name}'.");
    }

    public static void EnsureCanAdminister(this Caller caller, Application app)
    {
        caller.EnsureCanRead(app);
        if (!caller.CanAdminister(app.Id)) throw new ForbiddenException($"Changing or deleting '{app.Name}' needs the admin role on it.");
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
