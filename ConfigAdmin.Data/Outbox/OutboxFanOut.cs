using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Outbox;

/// <summary>
/// Right before a unit of work saves: each event its producers put in the outbox goes to the webhooks that want it
/// then (one delivery each, in the same transaction), carries the revision of the change the unit of work records,
/// and is dropped when no webhook wants it, so a change nobody listens to costs one small read.
/// </summary>
internal static class OutboxFanOut
{
    public static async Task PrepareAsync(ConfigAdminContext db, CancellationToken ct)
    {
        // An event without Compose was prepared by an earlier save of this unit of work, or came with its delivery (a test).
        var events = db.ChangeTracker.Entries<WebhookEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Compose is not null).Select(e => e.Entity).ToList();
        if (events.Count == 0) return;
        List<Webhook> webhooks = db.Facts is { AnyWebhook: false } ? [] : await db.Webhooks.AsNoTracking().ToListAsync(ct);
        var change = db.ChangeTracker.Entries<ChangeRecord>().Select(e => e.Entity).LastOrDefault();
        foreach (var e in events)
        {
            var wanting = webhooks.Where(w => w.Wants(e.Name, e.ApplicationId)).ToList();
            if (wanting.Count == 0)
            {
                db.Entry(e).State = EntityState.Detached;
                continue;
            }
            e.Data = e.Compose!();
            e.Compose = null;
            e.Change = change;
            foreach (var webhook in wanting) db.WebhookDeliveries.Add(WebhookDeliveries.New(webhook.Id, e, e.OccurredAt));
        }
    }
}
