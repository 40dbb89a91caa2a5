using System.Collections.Concurrent;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Every write that can change a resolved document or who may read it commits through here: its change record joins
/// the write's transaction, and once committed the change is applied on this node — caches invalidated, the access
/// directory reloaded, waiting clients woken, in that order — before the write's response leaves. Other nodes apply it
/// when they follow the record (ADR 0010). The change is applied even when the commit throws: a lost connection may
/// hide a commit that happened, and a needless invalidation costs one cache miss.
/// </summary>
public sealed class ChangeFeed(ResolvedConfigCache cache, AccessDirectory directory, ChangeSignals signals, Rollouts.RolloutRegistry rollouts,
    Webhooks.WebhookSignal webhooks, TimeProvider time, ConfigAdminMetrics metrics)
{
    private readonly ConcurrentDictionary<long, byte> _appliedHere = new();

    /// <summary>Saves the unit of work with its change record, then applies <paramref name="change"/> on this node.</summary>
    public async Task CommitAsync(IConfigAdminDb db, ConfigChange change, CancellationToken ct)
    {
        var record = Stage(db, change);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            await AppliedHereAsync(record, change);
        }
        DeliveriesQueued(db);
    }

    /// <summary>
    /// For a change that needs several saves: runs <paramref name="work"/> in one transaction with the change record
    /// (saved by the first save, so PostgreSQL's change lock is taken before any row lock), commits, then applies.
    /// </summary>
    public async Task CommitInTransactionAsync(IConfigAdminDb db, ConfigChange change, Func<Task> work, CancellationToken ct)
    {
        var record = Stage(db, change);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await work();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await AppliedHereAsync(record, change);
        }
        DeliveriesQueued(db);
    }

    /// <summary>
    /// Wakes this node's webhook dispatcher when the committed unit of work queued deliveries; a change no webhook wants
    /// costs the dispatcher nothing.
    /// </summary>
    private void DeliveriesQueued(IConfigAdminDb db)
    {
        if (db.Tracked<Webhooks.WebhookDelivery>().Count > 0) webhooks.Queued();
    }

    /// <summary>Adds the change record to a unit of work that someone else saves (Identity's user store).</summary>
    public ChangeRecord Stage(IConfigAdminDb db, ConfigChange change)
    {
        var record = ChangeRecord.Of(change, time.GetUtcNow().UtcDateTime);
        db.Changes.Add(record);
        return record;
    }

    /// <summary>Applies a change this node committed (or may have), and notes its revision so following it again is skipped.</summary>
    public async Task AppliedHereAsync(ChangeRecord record, ConfigChange change)
    {
        if (record.Revision > 0) _appliedHere.TryAdd(record.Revision, 0);
        await ApplyAsync(change, CancellationToken.None);
        Propagated(record, local: true);
    }

    /// <summary>This node committed the change of <paramref name="revision"/> and applied it then; following has not reached it yet.</summary>
    public bool IsAppliedHere(long revision) => _appliedHere.ContainsKey(revision);

    /// <summary>Applies a change another node (or this one) recorded, unless this node applied it already.</summary>
    public async Task FollowAsync(ChangeRecord record, CancellationToken ct)
    {
        if (_appliedHere.TryRemove(record.Revision, out _)) return;
        await ApplyAsync(record.ToChange(), ct);
        Propagated(record, local: false);
        Followed?.Invoke();
    }

    /// <summary>
    /// Raised after a change another node committed is applied here: that node's deliveries may wait in the outbox, and
    /// any node may send them. Handlers must be quick and must not throw.
    /// </summary>
    public event Action? Followed;

    /// <summary>From the change's commit (its record's time) to this node's waiters woken; only changes that wake any count.</summary>
    private void Propagated(ChangeRecord record, bool local)
    {
        if (record.Kind != ChangeKind.Reviews)
            metrics.Propagated((time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(record.OccurredAt, DateTimeKind.Utc)).TotalSeconds, local);
    }

    /// <summary>
    /// Raised on this node after each change is applied (committed here or followed from another node): open admin
    /// pages refresh what it touched. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<ConfigChange>? Applied;

    /// <summary>Invalidates what <paramref name="change"/> made stale, reloads access for access changes, then wakes waiters.</summary>
    public async Task ApplyAsync(ConfigChange change, CancellationToken ct)
    {
        if (change.Kind == ChangeKind.Access) await ReloadAccessAsync(ct);
        else cache.Invalidate(change);
        // Rollouts are reloaded when one changed, and when a write touched an application one runs in (its completion).
        if (change.Kind == ChangeKind.Rollouts || (change.ApplicationId is { } app && rollouts.Has(app))) await rollouts.RefreshAsync(ct);
        signals.Wake(change);
        Applied?.Invoke(change);
    }

    /// <summary>
    /// The follower placed its cursor: the running rollouts, loaded at start-up before it, are read again (one reload
    /// at a time, so this cannot race start-up's own).
    /// </summary>
    public Task StartedFollowingAsync(CancellationToken ct) => rollouts.RefreshAsync(ct);

    /// <summary>After a gap in following (an outage, a pruned record): forget every cached document, reload access, wake everyone.</summary>
    public async Task ResyncAsync(CancellationToken ct)
    {
        cache.InvalidateEverything();
        await ReloadAccessAsync(ct);
        await rollouts.RefreshAsync(ct);
        signals.WakeAll();
    }

    /// <summary>
    /// A reload that fails after the commit does not fail the write that committed: the directory retries until a reload
    /// succeeds, and the node is not ready meanwhile (<see cref="AccessDirectory.IsCurrent"/>).
    /// </summary>
    private async Task ReloadAccessAsync(CancellationToken ct)
    {
        try
        {
            await directory.RefreshAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
        }
    }
}
