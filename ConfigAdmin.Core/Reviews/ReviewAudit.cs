using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Reviews;

/// <summary>Audit entries of a change request's life, and the request id on every entry its apply writes.</summary>
public sealed class ReviewAudit(AuditRecorder audit, ChangeContext context, Webhooks.WebhookOutbox webhooks, TimeProvider time)
{
    /// <summary>An audit entry for a step in the request's life, and its <c>change_request.*</c> event.</summary>
    public void Record(IConfigAdminDb db, ChangeRequest request, AuditAction action, object? details = null)
    {
        audit.Record(db, action, AuditEntityType.ChangeRequest,
            new AuditSubject(request.ApplicationId, request.Application?.Name), null,
            ReviewJson.Write(new { id = request.Id, title = request.Title, status = request.Status, details }));
        webhooks.ChangeRequest(db, request, action, details);
    }

    /// <summary>
    /// Marks the request applied, first in its transaction: its row's new version is saved before any key, so a second
    /// apply of the same request (on this node or another) waits for this one and then finds it applied.
    /// </summary>
    public void Claim(ApplyingRequest applying)
    {
        var request = applying.Request;
        request.Status = ChangeRequestStatus.Applied;
        request.AppliedAt = time.GetUtcNow().UtcDateTime;
        request.AppliedBy = context.Actor;
        Writes.Touch(request, time);
    }

    /// <summary>
    /// The request's own audit entry (<c>forced</c>, with the reason, when an admin broke the glass), and its id on every
    /// audit entry the apply added.
    /// </summary>
    public void Applied(IConfigAdminDb db, ApplyingRequest applying, bool forced)
    {
        var request = applying.Request;
        if (forced) request.ForcedReason = applying.ForceReason;
        Record(db, request, forced ? AuditAction.Forced : AuditAction.Applied, forced ? new { reason = applying.ForceReason } : null);
        foreach (var entry in db.AuditEntries.Local.Where(e => e.Id == 0)) entry.ChangeRequestId = request.Id;
    }
}
