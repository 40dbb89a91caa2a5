using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Webhooks;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// A rollout's history, recorded in the unit of work of what happened: its event list, the audit log for the steps
/// that change what clients read (start, roll back, completion), and a <c>rollout.*</c> webhook event.
/// </summary>
public sealed class RolloutEvents(AuditRecorder audit, WebhookOutbox webhooks, TimeProvider time)
{
    public const string Started = "started", Advanced = "advanced", Paused = "paused", Resumed = "resumed", Completed = "completed",
        RolledBack = "rolled_back", Signal = "signal";

    public void Record(IConfigAdminDb db, Rollout rollout, string kind, string message, string? actor)
    {
        var at = time.GetUtcNow().UtcDateTime;
        rollout.Events.Add(new RolloutEvent { RolloutId = rollout.Id, At = at, Kind = kind, Message = message, Actor = actor });
        if (AuditActionOf(kind) is { } action)
            audit.Record(db, action, AuditEntityType.Rollout, new AuditSubject(rollout.ApplicationId, rollout.Application?.Name, Environment: rollout.Environment),
                null, RolloutJson.Write(new { id = rollout.Id, changeRequestId = rollout.ChangeRequestId, status = rollout.Status, message }));
        webhooks.Rollout(db, rollout, kind, message, actor);
    }

    private static AuditAction? AuditActionOf(string kind) => kind switch
    {
        Started => AuditAction.Created,
        RolledBack => AuditAction.RolledBack,
        Completed => AuditAction.Applied,
        _ => null,
    };
}
