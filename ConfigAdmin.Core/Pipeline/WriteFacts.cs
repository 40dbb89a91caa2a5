using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Rollouts;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// What two later steps of a write would each ask the database, asked in the query that loads the key the write
/// changes (ADR 0023): whether a rollout runs in the key's application (the rollout guard) and whether any webhook
/// exists (the outbox's fan-out). They are read in the write's unit of work before its save, as the steps' own queries
/// were, so they are as fresh as those were. A step told "no" skips its query; told "yes", it asks as before.
/// </summary>
public sealed record WriteFacts(Guid ApplicationId, bool RolloutRunning, bool AnyWebhook)
{
    /// <summary>
    /// The key by id, tracked, with its application and overrides, in one query that also reads the facts for its write
    /// (<see cref="IConfigAdminDb.Facts"/>); null when there is no such key.
    /// </summary>
    public static async Task<ConfigKey?> LoadKeyAsync(IConfigAdminDb db, Guid id, CancellationToken ct)
    {
        var row = await db.Configs.Where(c => c.Id == id).Select(c => new
        {
            Key = c,
            c.Application,
            c.Overrides,
            RolloutRunning = db.Rollouts.Any(r => r.ApplicationId == c.ApplicationId
                                                  && (r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused)),
            AnyWebhook = db.Webhooks.Any(),
        }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        db.Facts = new WriteFacts(row.Key.ApplicationId, row.RolloutRunning, row.AnyWebhook);
        return row.Key;
    }
}
