using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Audit;

/// <summary>Adds audit entries to the unit of work of the change they record, so both commit together.</summary>
public sealed class AuditRecorder(ChangeContext context, TimeProvider time)
{
    /// <summary>Queues one entry in <paramref name="db"/>; it is stored by the same SaveChanges as the change.</summary>
    public void Record(IConfigAdminDb db, AuditAction action, AuditEntityType entityType, AuditSubject subject,
        string? before, string? after)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            Actor = context.Actor,
            Action = action,
            EntityType = entityType,
            ApplicationId = subject.ApplicationId,
            ApplicationName = subject.ApplicationName,
            Key = subject.Key,
            Environment = subject.Environment,
            Before = before,
            After = after,
            CorrelationId = context.CurrentCorrelationId,
        });
    }
}

/// <summary>What an audit entry is about, kept as it was at the time of the change.</summary>
public sealed record AuditSubject(Guid? ApplicationId = null, string? ApplicationName = null, string? Key = null, string? Environment = null);
