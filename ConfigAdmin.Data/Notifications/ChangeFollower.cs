using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ConfigAdmin.Data.Notifications;

/// <summary>Where a node's following of the change record stands (-1 before it placed its cursor).</summary>
public interface IChangeFollowing
{
    long Cursor { get; }
}

/// <summary>
/// How this node learns of every other node's changes (ADR 0010): it reads the change record after the last revision it
/// applied — when PostgreSQL announces a change (LISTEN/NOTIFY), after every reconnect, and on a short poll as the
/// fallback on any provider — and applies each through the change feed, in revision order.
/// </summary>
public sealed class ChangeFollower<TContext>(
    DbFactory<TContext> factory,
    Health.IDatabaseMaintenance maintenance,
    IConfigAdminDbFactory writes,
    ChangeFeed feed,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<ChangeFollower<TContext>> logger) : BackgroundService, IChangeFollowing where TContext : ConfigAdminContext
{
    public const string Channel = "configadmin_changes";
    private const string PrunedBelow = "changes-pruned-below";
    // At most one wake waits: a catch-up reads everything after the cursor, so the notifications of a burst of writes
    // need one catch-up, not one each.
    private readonly SemaphoreSlim _poke = new(0, 1);
    private long _cursor = -1;
    private DateTime _nextPrune;

    /// <summary>The last revision this node applied (-1 before it started following).</summary>
    public long Cursor => Interlocked.Read(ref _cursor);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await using (var db = await factory.CreateContextAsync(stoppingToken))
        {
            // At a first start the change record does not exist until start-up work has migrated the database: reading
            // it before would only make EF log a failed command at error level. Pending migrations are read without one.
            while (!await IsMigratedAsync(stoppingToken))
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollIntervalMs), stoppingToken);
            var listen = db.Database.IsNpgsql() ? ListenAsync(db.Database.GetConnectionString()!, stoppingToken) : Task.CompletedTask;
            await Task.WhenAll(listen, FollowAsync(stoppingToken));
        }
    }

    private async Task<bool> IsMigratedAsync(CancellationToken ct)
    {
        try
        {
            return (await maintenance.PendingMigrationsAsync(ct)).Count == 0;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false; // the database is away: the same wait as for its migration
        }
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMs);
        var failing = false;
        var followed = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stop);
                if (failing) logger.LogInformation("Following the change record again from revision {Revision}", Cursor);
                failing = false;
                followed = true;
                await PruneAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // The database is away (or not migrated yet, at first start): try again on the next tick; the catch-up then
                // reads all that was missed.
                if (!failing && followed) logger.LogWarning(ex, "Cannot read the change record; retrying every {Interval} ms", interval.TotalMilliseconds);
                failing = true;
            }
            try
            {
                await _poke.WaitAsync(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Applies every change after the cursor. The first read places the cursor, then reloads the running rollouts,
    /// which start-up loaded before it: a rollout started between the two would otherwise never be served here.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        if (Cursor < 0)
        {
            Interlocked.Exchange(ref _cursor, await db.Changes.MaxAsync(c => (long?)c.Revision, ct) ?? 0);
            await feed.StartedFollowingAsync(ct);
            return;
        }
        var horizon = await db.SystemStates.Where(s => s.Name == PrunedBelow).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (horizon is not null && long.Parse(horizon) > Cursor + 1)
        {
            // Records this node never read were pruned: it cannot tell what changed, so it forgets everything.
            logger.LogWarning("Fell behind the change record's retention; resynchronizing");
            Interlocked.Exchange(ref _cursor, await db.Changes.MaxAsync(c => (long?)c.Revision, ct) ?? Cursor);
            await feed.ResyncAsync(ct);
            return;
        }
        while (true)
        {
            var cursor = Cursor;
            var records = await db.Changes.AsNoTracking().Where(c => c.Revision > cursor).OrderBy(c => c.Revision).Take(500).ToListAsync(ct);
            foreach (var record in records)
            {
                await feed.FollowAsync(record, ct);
                Interlocked.Exchange(ref _cursor, record.Revision);
            }
            if (records.Count < 500) return;
        }
    }

    /// <summary>PostgreSQL: a dedicated connection LISTENs; each notification (and each reconnect) pokes the catch-up.</summary>
    private async Task ListenAsync(string connectionString, CancellationToken stop)
    {
        var dedicated = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(dedicated);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    // This node applied its own changes when it committed them; the poll moves the cursor past them.
                    if (!long.TryParse(e.Payload, out var revision) || !feed.IsAppliedHere(revision)) Poke();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                Poke(); // what changed while this node was not listening
                delay = TimeSpan.FromMilliseconds(200);
                while (!stop.IsCancellationRequested) await connection.WaitAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Change notifications interrupted; reconnecting in {Delay} ms", delay.TotalMilliseconds);
                await Task.Delay(delay, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private void Poke()
    {
        try
        {
            _poke.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is waiting already.
        }
    }

    /// <summary>Hourly: records older than the retention go, and the horizon below which they went is noted.</summary>
    private async Task PruneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now < _nextPrune) return;
        _nextPrune = now.AddHours(1);
        var before = now.AddHours(-options.Value.RetentionHours);
        using var turn = await writes.EnterWriteAsync(ct);
        await using var db = await factory.CreateContextAsync(ct);
        var newest = await db.Changes.MaxAsync(c => (long?)c.Revision, ct) ?? 0;
        var below = await db.Changes.Where(c => c.OccurredAt < before && c.Revision < newest).MaxAsync(c => (long?)c.Revision, ct);
        if (below is null) return;
        await db.Changes.Where(c => c.Revision <= below).ExecuteDeleteAsync(ct);
        var horizon = (below.Value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await db.SystemStates.AnyAsync(s => s.Name == PrunedBelow, ct))
            await db.SystemStates.Where(s => s.Name == PrunedBelow).ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, horizon).SetProperty(x => x.UpdatedAt, now), ct);
        else
        {
            db.SystemStates.Add(new SystemState { Name = PrunedBelow, Value = horizon, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }
    }
}
