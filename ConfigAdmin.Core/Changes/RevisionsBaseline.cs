using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Keys from before revisions were kept get a first revision of their current state at start, so history works from
/// that moment on (and a point-in-time read before it says that history starts there). Runs after the secrets upgrade,
/// so the values it copies are already encrypted; a key that has a revision is left alone.
/// </summary>
public sealed class RevisionsBaseline(IConfigAdminDbFactory factory, TimeProvider time)
{
    /// <summary>Returns how many keys got their first revision.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        var missing = await db.Configs.Where(c => !db.Revisions.Any(r => r.ConfigId == c.Id)).Include(c => c.Overrides).ToListAsync(ct);
        if (missing.Count == 0) return 0;
        await db.LoadEnvironmentsAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var config in missing) db.Revisions.Add(ConfigRevision.Of(config, now, baseline: true));
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
