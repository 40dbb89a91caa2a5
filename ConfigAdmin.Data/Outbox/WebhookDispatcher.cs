using System.Collections.Concurrent;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Data.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Data.Outbox;

/// <summary>
/// Delivers the outbox (ADR 0018): claims due deliveries into a fixed number of slots, sends each, records how it
/// went. It looks again when a commit here queued deliveries, when a change is followed from another node, when a slot
/// frees, when "send again" or a test queued something, and on a poll as the fallback. A receiver that hangs holds one slot until
/// the timeout; requests never wait on a delivery.
/// </summary>
public sealed class WebhookDispatcher(
    DeliveryStore store,
    WebhookSender sender,
    ChangeFeed feed,
    WebhookSignal signal,
    IDatabaseMaintenance database,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _poke = new(0, 1);
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        feed.Followed += Poke;
        signal.OnQueued += Poke;
        var slots = new SemaphoreSlim(options.Value.DeliverySlots);
        try
        {
            await WaitForMigrationsAsync(stoppingToken);
            var failing = false;
            var nextPrune = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var claim in await store.ClaimAsync(slots.CurrentCount, stoppingToken))
                    {
                        await slots.WaitAsync(stoppingToken);
                        var attempt = RunAsync(claim, slots, stoppingToken);
                        _running.TryAdd(attempt, 0);
                        _ = attempt.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
                    }
                    if (time.GetUtcNow() >= nextPrune)
                    {
                        await store.PruneAsync(stoppingToken);
                        nextPrune = time.GetUtcNow() + PruneEvery;
                    }
                    if (failing) logger.LogInformation("Delivering webhooks again");
                    failing = false;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing) logger.LogWarning(ex, "Cannot read the webhook outbox; retrying");
                    failing = true;
                }
                try
                {
                    await _poke.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollIntervalMs), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.Followed -= Poke;
            signal.OnQueued -= Poke;
            await Task.WhenAll(_running.Keys);
        }
    }

    /// <summary>One attempt of a claimed delivery: sent, then recorded; given back untried when this node stops meanwhile.</summary>
    public async Task AttemptAsync(DeliveryClaim claim, CancellationToken ct)
    {
        AttemptOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(claim, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            return;
        }
        catch (Exception ex)
        {
            outcome = new AttemptOutcome(false, null, 0, null, "Could not send: " + ex.Message);
        }
        await store.RecordAsync(claim, outcome, CancellationToken.None);
    }

    private async Task RunAsync(DeliveryClaim claim, SemaphoreSlim slots, CancellationToken stop)
    {
        try
        {
            await AttemptAsync(claim, stop);
        }
        catch (Exception ex)
        {
            // Recording failed (the database is away): the lease runs out and the delivery is tried again.
            logger.LogWarning(ex, "Could not record webhook delivery {Delivery}", claim.DeliveryId);
        }
        finally
        {
            slots.Release();
            Poke();
        }
    }

    private async Task WaitForMigrationsAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if ((await database.PendingMigrationsAsync(ct)).Count == 0) return;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The database is away: the same wait as for its migration.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollIntervalMs), ct);
        }
    }

    private void Poke()
    {
        try
        {
            if (_poke.CurrentCount == 0) _poke.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already poked: one wake-up covers both.
        }
    }

    public override void Dispose()
    {
        _poke.Dispose();
        base.Dispose();
    }
}
