using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Every write that can change a resolved document or who may read it commits through here, so no path forgets to
/// tell the caches. The change is applied even when the commit throws: a lost connection may hide a commit that
/// happened, and a needless invalidation costs one cache miss.
/// </summary>
public sealed class ChangeFeed(ResolvedConfigCache cache, AccessDirectory directory)
{
    /// <summary>Saves the unit of work, then applies <paramref name="change"/> on this node before returning.</summary>
    public async Task CommitAsync(IConfigAdminDb db, ConfigChange change, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            await ApplyAsync(change, CancellationToken.None);
        }
    }

    /// <summary>Invalidates what <paramref name="change"/> made stale; reloads the access directory for access changes.</summary>
    public async Task ApplyAsync(ConfigChange change, CancellationToken ct)
    {
        if (change.Kind == ChangeKind.Access) await directory.RefreshAsync(ct);
        else cache.Invalidate(change);
    }
}
