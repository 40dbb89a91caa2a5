using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Applications;

/// <summary>How any feature finds an application in a unit of work.</summary>
public static class ApplicationLookups
{
    /// <summary>The tracked application named <paramref name="name"/> (ignoring case), or a 404.</summary>
    public static async Task<Application> FindApplicationAsync(this IConfigAdminDb db, string name, CancellationToken ct)
    {
        var normalized = Application.Normalize(name);
        return await db.Applications.FirstOrDefaultAsync(a => a.NormalizedName == normalized, ct)
               ?? throw new NotFoundException("Application", name);
    }

    /// <summary>
    /// The tracked application named <paramref name="name"/> when <paramref name="caller"/> may do
    /// <paramref name="permission"/> to it. A missing application and one outside the caller's list are the same 404,
    /// naming it as asked; one the caller sees without the right is a 403.
    /// </summary>
    public static async Task<Application> FindApplicationAsync(this IConfigAdminDb db, string name, Caller caller, AppPermission permission,
        CancellationToken ct)
    {
        var app = await db.FindApplicationAsync(name, ct);
        caller.Ensure(permission, app, name);
        return app;
    }
}
