using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Access;

/// <summary>How a role's application list travels: names (or <c>*</c>) outside, ids (or null) inside, so it follows renames.</summary>
public static class AccessScopes
{
    public const string All = "*";

    /// <summary>Application names to ids (<c>["*"]</c>: null); an unknown name is a field error naming it.</summary>
    public static async Task<List<Guid>?> ApplicationIdsAsync(this IConfigAdminDb db, IReadOnlyList<string> names, string field, CancellationToken ct)
    {
        if (names is [All]) return null;
        var normalized = names.Select(Application.Normalize).Distinct().ToList();
        var found = await db.Applications.Where(a => normalized.Contains(a.NormalizedName)).Select(a => new { a.Id, a.NormalizedName }).ToListAsync(ct);
        var missing = names.Where(n => found.All(f => f.NormalizedName != Application.Normalize(n))).ToList();
        if (missing.Count > 0) throw ValidatorExtensions.Invalid(field, $"No application named {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        return found.Select(f => f.Id).ToList();
    }

    /// <summary>Ids back to today's names, in name order (<c>["*"]</c> for all); ids of deleted applications grant nothing and are left out.</summary>
    public static async Task<IReadOnlyList<string>> ApplicationNamesAsync(this IConfigAdminDb db, IReadOnlyList<Guid>? ids, CancellationToken ct) =>
        ids is null ? [All]
        : await db.Applications.Where(a => ids.Contains(a.Id)).OrderBy(a => a.NormalizedName).Select(a => a.Name).ToListAsync(ct);
}
