using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Data.Outbox;

/// <summary>A delivery this node claimed: what to send where, and the token that proves the claim is still its own.</summary>
public sealed record DeliveryClaim(long DeliveryId, Guid WebhookId, Guid EventId, string Url, string Secret, string Body, int Attempt,
    string Token, DateTime StartedAt);

/// <summary>What one attempt came to.</summary>
public sealed record AttemptOutcome(bool Delivered, int? Status, int DurationMs, string? Response, string? Error);

/// <summary>
/// The outbox's rows, for the dispatcher: claim the due deliveries (each webhook's first pending one only, so a failing
/// event holds back the later ones), record each attempt and what follows from it, prune the old log. A claim is a
/// lease in the row, taken with a conditional update, so on a shared database exactly one node wins it; a node that
/// dies holding one loses it when the lease runs out.
/// </summary>
public sealed class DeliveryStore(IConfigAdminDbFactory factory, SecretValues secrets, IOptions<WebhookOptions> options, TimeProvider time,
    ConfigAdminMetrics metrics)
{
    /// <summary>Claims up to <paramref name="max"/> due deliveries, oldest due first.</summary>
    public async Task<IReadOnlyList<DeliveryClaim>> ClaimAsync(int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        var now = time.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await factory.CreateAsync(ct))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil <= now)
                            && !db.WebhookDeliveries.Any(e => e.WebhookId == d.WebhookId && e.State == DeliveryState.Pending && e.Id < d.Id)
                            && db.Webhooks.Any(w => w.Id == d.WebhookId))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(max).ToListAsync(ct);
        }
        var claims = new List<DeliveryClaim>();
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, now, ct) is { } claim) claims.Add(claim);
        }
        return claims;
    }

    private async Task<DeliveryClaim?> TryClaimAsync(long id, DateTime now, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        var won = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == DeliveryState.Pending && (d.LeaseUntil == null || d.LeaseUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until).SetProperty(d => d.LeaseToken, token)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        if (won == 0) return null;
        var row = await (
                from d in db.WebhookDeliveries.AsNoTracking().Where(d => d.Id == id)
                join w in db.Webhooks on d.WebhookId equals w.Id
                select new { d.WebhookId, d.Attempts, Event = d.Event!, Webhook = w })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null; // its webhook was deleted meanwhile
        var body = row.Event.Body;
        if (body is null)
        {
            // Put together once, so every attempt to every webhook sends the same bytes.
            body = CloudEventBody.Of(row.Event);
            await db.WebhookEvents.Where(e => e.Id == row.Event.Id && e.Body == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.Body, body), ct);
        }
        return new DeliveryClaim(id, row.WebhookId, row.Event.Id, row.Webhook.Url, secrets.Open(true, row.Webhook.Secret)!, body, row.Attempts,
            token, now);
    }

    /// <summary>
    /// Logs the attempt and moves the delivery on: delivered, due again after <see cref="RetrySchedule"/>, or failed once
    /// its deadline passed. A claim that is no longer this node's (it ran out and another node took over) only logs.
    /// </summary>
    public async Task RecordAsync(DeliveryClaim claim, AttemptOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claim.DeliveryId, ct);
        if (delivery is null) return; // its webhook was deleted while the attempt ran
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = claim.DeliveryId, WebhookId = claim.WebhookId, Attempt = claim.Attempt, At = claim.StartedAt, Status = outcome.Status,
            DurationMs = outcome.DurationMs, Response = outcome.Response, Error = Cap(outcome.Error),
        });
        string? counted = null;
        if (delivery.LeaseToken == claim.Token && delivery.State == DeliveryState.Pending)
        {
            delivery.LeaseToken = null;
            delivery.LeaseUntil = null;
            delivery.LastError = Cap(outcome.Error);
            if (outcome.Delivered) Complete(delivery, DeliveryState.Delivered, now);
            else if (RetrySchedule.Next(delivery.Attempts, now, delivery.RetryUntil) is { } next) delivery.NextAttemptAt = next;
            else Complete(delivery, DeliveryState.Failed, now);
            counted = delivery.State switch
            {
                DeliveryState.Delivered => ConfigAdminMetrics.Delivered,
                DeliveryState.Failed => ConfigAdminMetrics.Failed,
                _ => ConfigAdminMetrics.Retried,
            };
        }
        try
        {
            await db.SaveChangesAsync(ct);
            // Counted once stored, and only by the node that held the lease: every attempt once over all nodes.
            if (counted is not null) metrics.WebhookDelivery(counted);
        }
        catch (ConflictException)
        {
            // The webhook (and with it this delivery) was deleted between the read and the save: nothing left to log.
        }
    }

    /// <summary>Gives a claim back untried (this node is stopping): the delivery is due again at once, here or elsewhere.</summary>
    public async Task ReleaseAsync(DeliveryClaim claim, CancellationToken ct)
    {
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        await db.WebhookDeliveries.Where(d => d.Id == claim.DeliveryId && d.LeaseToken == claim.Token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, (DateTime?)null).SetProperty(d => d.LeaseToken, (string?)null), ct);
    }

    /// <summary>
    /// Deletes deliveries that ended before the log's retention (their attempts go with them) and those of deleted
    /// webhooks, then events nothing refers to.
    /// </summary>
    public async Task PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.LogRetentionDays);
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        await db.WebhookDeliveries.Where(d => d.State != DeliveryState.Pending && d.CompletedAt < before).ExecuteDeleteAsync(ct);
        await db.WebhookDeliveries.Where(d => !db.Webhooks.Any(w => w.Id == d.WebhookId)).ExecuteDeleteAsync(ct);
        await db.WebhookEvents.Where(e => e.OccurredAt < before && !db.WebhookDeliveries.Any(d => d.EventId == e.Id)).ExecuteDeleteAsync(ct);
    }

    private static string? Cap(string? error) =>
        error is { Length: > WebhookAttempt.MaxErrorLength } ? error[..WebhookAttempt.MaxErrorLength] : error;

    private static void Complete(WebhookDelivery delivery, DeliveryState state, DateTime now)
    {
        delivery.State = state;
        delivery.CompletedAt = now;
    }
}
