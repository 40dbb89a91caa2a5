using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Observability;

/// <summary>
/// What the gauges report, from the database every node shares: client instances seen lately and open change requests,
/// by application (and environment). Every node reports the same values; a dashboard takes their maximum, not their sum.
/// </summary>
public sealed class GaugeReader(IConfigAdminDbFactory factory, TimeProvider time)
{
    /// <summary>Counts now; <paramref name="instanceWindow"/> is how recently an instance must have been seen to count.</summary>
    public async Task<GaugeSnapshot> ReadAsync(TimeSpan instanceWindow, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - instanceWindow;
        await using var db = await factory.CreateAsync(ct);
        var names = await db.Applications.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name.ToLowerInvariant(), ct);
        var instances = await db.ClientInstances.AsNoTracking().Where(c => c.LastSeenAt >= since)
            .GroupBy(c => new { c.ApplicationId, c.Environment })
            .Select(g => new { g.Key.ApplicationId, g.Key.Environment, Count = g.LongCount() }).ToListAsync(ct);
        var open = await db.ChangeRequests.AsNoTracking()
            .Where(r => r.Status == ChangeRequestStatus.Open || r.Status == ChangeRequestStatus.Approved)
            .GroupBy(r => r.ApplicationId).Select(g => new { ApplicationId = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        // Every application reports its open requests, zero included, so a panel shows a request's closing as a drop to 0.
        return new GaugeSnapshot(
            instances.Where(i => names.ContainsKey(i.ApplicationId))
                .ToDictionary(i => (names[i.ApplicationId], i.Environment.ToLowerInvariant()), i => i.Count),
            names.ToDictionary(n => n.Value, n => open.FirstOrDefault(o => o.ApplicationId == n.Key)?.Count ?? 0));
    }
}
