using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// Webhooks (admins of every application): registered with their signing secret (shown once), replaced, deleted;
/// a test event on demand; the delivery log, one row per attempt; and "send again".
/// </summary>
public sealed class WebhookService(
    IConfigAdminDbFactory factory,
    IValidator<WebhookInput> validator,
    IValidator<IPaged> pageValidator,
    ChangeContext context,
    AuditRecorder audit,
    SecretValues secrets,
    WebhookOutbox outbox,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    private const string Kind = "Webhook";

    /// <summary>Registers a webhook; the answer holds its secret, which is never shown again.</summary>
    public async Task<WebhookDto> CreateAsync(WebhookInput input, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Registering webhooks");
        await CheckAsync(input, ct);
        var secret = input.Secret ?? WebhookSignature.NewSecret();
        var dto = await Writes.RunAsync(factory, null, async db =>
        {
            var webhook = new Webhook { CreatedBy = context.Actor, Secret = secrets.Seal(true, secret)! };
            Writes.Stamp(webhook, time);
            await ApplyAsync(db, webhook, input, ct);
            db.Webhooks.Add(webhook);
            var dto = await DtoAsync(db, webhook, ct);
            audit.Record(db, AuditAction.Created, AuditEntityType.Webhook, Subject(webhook), null, AuditSnapshots.Of(dto));
            await db.SaveChangesAsync(ct);
            return dto;
        }, ct);
        return dto with { Secret = secret };
    }

    /// <summary>One page of webhooks, oldest first; never a secret.</summary>
    public async Task<PagedResult<WebhookDto>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Listing webhooks");
        await pageValidator.CheckAsync(page, ct);
        await using var db = await factory.CreateAsync(ct);
        var total = await db.Webhooks.CountAsync(ct);
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).PageOf(page).ToListAsync(ct);
        var items = new List<WebhookDto>();
        foreach (var webhook in webhooks) items.Add(await DtoAsync(db, webhook, ct));
        return PagedResult<WebhookDto>.Of(items, page, total);
    }

    /// <summary>One webhook by id; never its secret.</summary>
    public async Task<WebhookDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Reading webhooks");
        await using var db = await factory.CreateAsync(ct);
        return await DtoAsync(db, await FindAsync(db, id, tracked: false, ct), ct);
    }

    /// <summary>
    /// Replaces URL, events, applications and description; a secret in the input replaces the secret (and is not
    /// echoed), none keeps it. Pending deliveries go to the new URL, signed with the new secret.
    /// </summary>
    public async Task<WebhookDto> UpdateAsync(Guid id, WebhookInput input, long? expectedVersion, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Changing webhooks");
        await CheckAsync(input, ct);
        return await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var webhook = await FindAsync(db, id, tracked: true, ct);
            Writes.CheckVersion(webhook, expectedVersion, Kind, id.ToString());
            var before = AuditSnapshots.Of(await DtoAsync(db, webhook, ct));
            await ApplyAsync(db, webhook, input, ct);
            if (input.Secret is { } secret) webhook.Secret = secrets.Seal(true, secret)!;
            Writes.Touch(webhook, time);
            audit.Record(db, AuditAction.Updated, AuditEntityType.Webhook, Subject(webhook), before,
                AuditSnapshots.Of(await DtoAsync(db, webhook, ct), secretChanged: input.Secret is not null));
            await db.SaveChangesAsync(ct);
            return await DtoAsync(db, webhook, ct);
        }, ct);
    }

    /// <summary>Deletes a webhook with its pending deliveries and its delivery log.</summary>
    public async Task DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Deleting webhooks");
        await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var webhook = await FindAsync(db, id, tracked: true, ct);
            Writes.CheckVersion(webhook, expectedVersion, Kind, id.ToString());
            audit.Record(db, AuditAction.Deleted, AuditEntityType.Webhook, Subject(webhook), AuditSnapshots.Of(await DtoAsync(db, webhook, ct)), null);
            db.Webhooks.Remove(webhook);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.WebhookDeliveries.Where(d => d.WebhookId == id).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Queues a <c>webhook.test</c> event for this webhook, whatever it subscribes to; the delivery log shows how it went.</summary>
    public async Task<DeliveryDto> TestAsync(Guid id, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Testing webhooks");
        var delivery = await Writes.RunAsync(factory, null, async db =>
        {
            var webhook = await FindAsync(db, id, tracked: false, ct);
            var delivery = outbox.Test(db, webhook);
            await db.SaveChangesAsync(ct);
            return delivery;
        }, ct);
        signal.Queued();
        return Dto(delivery);
    }

    /// <summary>The delivery log: one row per attempt, newest first.</summary>
    public async Task<PagedResult<DeliveryAttemptDto>> DeliveriesAsync(Guid id, DeliveryLogQuery query, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Reading webhook deliveries");
        await pageValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        await FindAsync(db, id, tracked: false, ct);
        var attempts = db.WebhookAttempts.AsNoTracking().Where(a => a.WebhookId == id);
        var total = await attempts.CountAsync(ct);
        var items = await (
                from a in attempts.OrderByDescending(a => a.Id).PageOf(query)
                join d in db.WebhookDeliveries on a.DeliveryId equals d.Id
                join e in db.WebhookEvents on d.EventId equals e.Id
                select new { a, d.EventId, e.Name, d.State, d.NextAttemptAt })
            .ToListAsync(ct);
        return PagedResult<DeliveryAttemptDto>.Of(items.OrderByDescending(x => x.a.Id).Select(x => new DeliveryAttemptDto(
            x.a.DeliveryId, x.EventId, x.Name, x.a.Attempt, x.a.At, x.a.Status, x.a.DurationMs, x.a.Response, x.a.Error, x.State,
            x.State == DeliveryState.Pending ? x.NextAttemptAt : null)).ToList(), query, total);
    }

    /// <summary>
    /// Sends a delivery again: a pending one is tried now (with a fresh day of retries); a delivered or failed one is
    /// queued anew, behind the webhook's pending deliveries, with the same <c>webhook-id</c>.
    /// </summary>
    public async Task<DeliveryDto> ResendAsync(Guid id, long deliveryId, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Sending webhook deliveries again");
        var delivery = await Writes.RunAsync(factory, null, async db =>
        {
            await FindAsync(db, id, tracked: false, ct);
            var old = await db.WebhookDeliveries.Include(d => d.Event).FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == id, ct)
                      ?? throw new NotFoundException("Delivery", deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var now = time.GetUtcNow().UtcDateTime;
            if (old.State == DeliveryState.Pending)
            {
                old.NextAttemptAt = now;
                old.RetryUntil = now + RetrySchedule.Window;
                await db.SaveChangesAsync(ct);
                return old;
            }
            var again = WebhookDeliveries.New(id, old.Event!, now);
            db.WebhookDeliveries.Add(again);
            await db.SaveChangesAsync(ct);
            return again;
        }, ct);
        signal.Queued();
        return Dto(delivery);
    }

    private async Task CheckAsync(WebhookInput input, CancellationToken ct)
    {
        await validator.CheckAsync(input, ct);
        if (!options.Value.AllowPrivateTargets && WebhookTargets.NamesInternalHost(new Uri(input.Url!)))
            throw new WebhookTargetForbiddenException(input.Url!);
    }

    private static async Task ApplyAsync(IConfigAdminDb db, Webhook webhook, WebhookInput input, CancellationToken ct)
    {
        webhook.Url = input.Url!;
        webhook.Description = Writes.EmptyToNull(input.Description?.Trim());
        webhook.Events = input.Events!.Distinct(StringComparer.Ordinal).ToList();
        webhook.Applications = await db.ApplicationIdsAsync(input.Applications!, "applications", ct);
    }

    private static async Task<Webhook> FindAsync(IConfigAdminDb db, Guid id, bool tracked, CancellationToken ct) =>
        await (tracked ? db.Webhooks : db.Webhooks.AsNoTracking()).FirstOrDefaultAsync(w => w.Id == id, ct)
        ?? throw new NotFoundException(Kind, id.ToString());

    private static AuditSubject Subject(Webhook webhook) => new(Key: webhook.Id.ToString());

    private static async Task<WebhookDto> DtoAsync(IConfigAdminDb db, Webhook w, CancellationToken ct) => new(
        w.Id, w.Url, w.Description, w.Events, await db.ApplicationNamesAsync(w.Applications, ct), w.CreatedAt, w.CreatedBy, w.UpdatedAt, w.Version);

    private static DeliveryDto Dto(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.Event?.Name ?? "", d.State, d.Attempts, d.NextAttemptAt, d.RetryUntil);
}

/// <summary>Tells this node's dispatcher that deliveries were queued: by a recorded change, a test event, "send again".</summary>
public sealed class WebhookSignal
{
    public event Action? OnQueued;

    public void Queued() => OnQueued?.Invoke();
}
