namespace ConfigAdmin.Core.Audit;

/// <summary>One recorded change. Append-only: nothing edits or deletes it (the database refuses too).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public string Actor { get; set; } = "";
    public AuditAction Action { get; set; }
    public AuditEntityType EntityType { get; set; }

    /// <summary>Not a foreign key: the history outlives the application, and follows its renames.</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary>The application's name at the time of the change.</summary>
    public string? ApplicationName { get; set; }

    public string? Key { get; set; }
    public string? Environment { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string CorrelationId { get; set; } = "";

    /// <summary>The change request this change was applied from, if any.</summary>
    public long? ChangeRequestId { get; set; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,

    /// <summary>Someone read secret values in clear (nothing changed).</summary>
    Revealed,

    /// <summary>An admin applied a change request without the approvals it needed (break glass), with a reason.</summary>
    Forced,

    Approved,
    Rejected,
    Withdrawn,
    Applied,
    Acknowledged,
    RolledBack,
}

public enum AuditEntityType
{
    Application,
    Environment,
    Config,
    Override,
    User,
    ApiKey,
    ChangeRequest,
    Rollout,
    Webhook,
}
