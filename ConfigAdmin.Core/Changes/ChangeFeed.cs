using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Every write that can change a resolved document commits through here, so no path forgets to tell the caches.
/// The change is applied even when the commit throws: a lost connection may hide a commit that happened, and a
/// needless invalidation costs one cache miss.
/// </summary>
public sealed class ChangeFeed(ResolvedConfigCache cache)
{
    /// <summary>Saves the unit of work, then applies <paramref name="change"/> on this node.</summary>
    public async Task CommitAsync(IConfigAdminDb db, ConfigChange change, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            Apply(change);
        }
    }

    /// <summary>Invalidates what <paramref name="change"/> made stale.</summary>
    public void Apply(ConfigChange change) => cache.Invalidate(change);
}
