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
}
