using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Rollouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
        var context = db.Configs.GetService<ICurrentDbContext>().Context;
        var row = await KeyQueries.GetOrAdd(context.GetType(), _ => CompileKeyQuery())(context, id, ct);
        if (row is null) return null;
        db.Facts = new WriteFacts(row.Key.ApplicationId, row.RolloutRunning, row.AnyWebhook);
        return row.Key;
    }

    /// <summary>The key's query, compiled once per context type (a compiled query belongs to one provider's model).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<DbContext, Guid, CancellationToken, Task<KeyRow?>>>
        KeyQueries = new();

    /// <summary>
    /// Compiled: the subqueries' sets then come from the query's own context parameter. Written inline over a
    /// captured unit of work, EF evaluated the uncorrelated webhook subquery on its own (a second query) and compiled
    /// the captured sets on every call: 15 % of a node's CPU at full write load; compiled, 6.6 % (perf, docs/benchmarks.md).
    /// </summary>
    private static Func<DbContext, Guid, CancellationToken, Task<KeyRow?>> CompileKeyQuery() => EF.CompileAsyncQuery(
        (DbContext db, Guid id, CancellationToken ct) => db.Set<ConfigKey>().Where(c => c.Id == id).Select(c => new KeyRow
        {
            Key = c,
            Application = c.Application!,
            Overrides = c.Overrides,
            RolloutRunning = db.Set<Rollout>().Any(r => r.ApplicationId == c.ApplicationId
                                                       && (r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused)),
            AnyWebhook = db.Set<Webhooks.Webhook>().Any(),
        }).FirstOrDefault());

    private sealed class KeyRow
    {
        public required ConfigKey Key { get; init; }
        public required Application Application { get; init; }
        public required ICollection<ConfigOverride> Overrides { get; init; }
        public bool RolloutRunning { get; init; }
        public bool AnyWebhook { get; init; }
    }
}
