using System.Text.Json;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// Puts events in the outbox of the unit of work that makes them happen, so an event commits with its change or not
/// at all. Each call adds one event; when the unit of work saves, the database layer hands it to the webhooks that
/// want it (and drops it when none does) and stamps it with the revision of the change recorded alongside.
/// </summary>
public sealed class WebhookOutbox(ChangeContext context, TimeProvider time)
{
    /// <summary>A config.changed event lists at most this many changes; <c>changeCount</c> says how many there were.</summary>
    public const int MaxChanges = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The write pipeline's store step: one <c>config.changed</c> for a committed change to what clients read, with
    /// each environment's document changes as a client sees them (secret values "***").
    /// </summary>
    public void ConfigChanged(IConfigAdminDb db, ChangeSet set, ConfigChange? change)
    {
        if (change is null || change.Kind == ChangeKind.Reviews) return;
        var app = set.App;
        var actor = context.Actor;
        var environments = db.LoadedEnvironments().Select(e => e.Name).ToList();
        var steps = set.Steps.ToList();
        Add(db, WebhookEvents.ConfigChanged, app.Id, CloudEventBody.SourceOf(app.Name), () =>
        {
            var documents = DocumentDiff.Of(steps, environments);
            var changes = documents.SelectMany(d =>
                    d.Value.Added.Select(v => new EventChange(v.Key, d.Key, null, v.Value))
                        .Concat(d.Value.Changed.Select(c => new EventChange(c.Key, d.Key, c.From, c.To)))
                        .Concat(d.Value.Removed.Select(v => new EventChange(v.Key, d.Key, v.Value, null))))
                .OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => environments.IndexOf(c.Environment))
                .ToList();
            return new
            {
                application = app.Name,
                environments = environments.Where(e => documents.ContainsKey(e) || set.MovesDocuments?.Contains(e) == true).ToList(),
                actor,
                applicationChange = change.Kind switch
                {
                    ChangeKind.ApplicationRenamed => "renamed",
                    ChangeKind.ApplicationDeleted => "deleted",
                    _ => null,
                },
                changeRequestId = set.Applying?.Request.Id,
                changeCount = changes.Count,
                changes = changes.Take(MaxChanges),
            };
        });
    }

    /// <summary>One <c>change_request.*</c> event for a step in a request's life (filed, approved, applied, ...).</summary>
    public void ChangeRequest(IConfigAdminDb db, ChangeRequest request, AuditAction action, object? details)
    {
        if (NameOf(action) is not { } name) return;
        var application = request.Application?.Name ?? "";
        var data = new
        {
            application,
            id = request.Id,
            title = request.Title,
            status = request.Status,
            author = request.Author,
            actor = context.Actor,
            protectedEnvironments = request.ProtectedEnvironments.Split(',', StringSplitOptions.RemoveEmptyEntries),
            url = $"/v1/applications/{Uri.EscapeDataString(application)}/change-requests/{request.Id}",
            details,
        };
        Add(db, name, request.ApplicationId, CloudEventBody.SourceOf(application), () => data);
    }

    /// <summary>One <c>secret.revealed</c> event: who read which secret keys in clear, in which environment (null: the key itself).</summary>
    public void SecretRevealed(IConfigAdminDb db, Guid applicationId, string application, string? environment, IReadOnlyList<string> keys)
    {
        var data = new { application, environments = environment is null ? [] : new[] { environment }, keys, actor = context.Actor };
        Add(db, WebhookEvents.SecretRevealed, applicationId, CloudEventBody.SourceOf(application), () => data);
    }

    /// <summary>One <c>rollout.*</c> event for a step of a rollout (started, advanced, paused, resumed, completed, rolled back).</summary>
    public void Rollout(IConfigAdminDb db, Rollouts.Rollout rollout, string kind, string message, string? actor)
    {
        var name = "rollout." + kind;
        if (!WebhookEvents.Named.Contains(name)) return;
        var application = rollout.Application?.Name ?? "";
        var data = new
        {
            application, environment = rollout.Environment, id = rollout.Id, changeRequestId = rollout.ChangeRequestId,
            status = rollout.Status, stage = rollout.Stage, message, actor,
            url = $"/v1/rollouts/{rollout.Id}",
        };
        Add(db, name, rollout.ApplicationId, CloudEventBody.SourceOf(application), () => data);
    }

    /// <summary>A <c>webhook.test</c> event for one webhook, whatever it subscribes to, with its delivery.</summary>
    public WebhookDelivery Test(IConfigAdminDb db, Webhook webhook)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var e = new WebhookEvent
        {
            Name = WebhookEvents.Test, Source = "/webhooks/" + webhook.Id, OccurredAt = now,
            Data = JsonSerializer.Serialize(new { webhook = webhook.Id, url = webhook.Url, actor = context.Actor }, Json),
        };
        db.WebhookEvents.Add(e);
        var delivery = WebhookDeliveries.New(webhook.Id, e, now);
        db.WebhookDeliveries.Add(delivery);
        return delivery;
    }

    private void Add(IConfigAdminDb db, string name, Guid? application, string source, Func<object> data) =>
        db.WebhookEvents.Add(new WebhookEvent
        {
            Name = name, ApplicationId = application, Source = source, OccurredAt = time.GetUtcNow().UtcDateTime,
            Compose = () => JsonSerializer.Serialize(data(), Json),
        });

    private static string? NameOf(AuditAction action) => action switch
    {
        AuditAction.Created => WebhookEvents.ChangeRequest.Filed,
        AuditAction.Approved => WebhookEvents.ChangeRequest.Approved,
        AuditAction.Rejected => WebhookEvents.ChangeRequest.Rejected,
        AuditAction.Withdrawn => WebhookEvents.ChangeRequest.Withdrawn,
        AuditAction.Applied => WebhookEvents.ChangeRequest.Applied,
        AuditAction.Forced => WebhookEvents.ChangeRequest.Forced,
        AuditAction.Updated => WebhookEvents.ChangeRequest.Rebased,
        AuditAction.Acknowledged => WebhookEvents.ChangeRequest.Acknowledged,
        _ => null,
    };

    private sealed record EventChange(string Key, string Environment, string? From, string? To);
}

/// <summary>How deliveries start: due at once, retried for <see cref="RetrySchedule.Window"/>.</summary>
public static class WebhookDeliveries
{
    public static WebhookDelivery New(Guid webhook, WebhookEvent e, DateTime now) => new()
    {
        WebhookId = webhook, Event = e, EventId = e.Id, State = DeliveryState.Pending, CreatedAt = now, NextAttemptAt = now,
        RetryUntil = now + RetrySchedule.Window,
    };
}
