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
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,

    /// <summary>Someone read secret values in clear (nothing changed).</summary>
    Revealed,
}

public enum AuditEntityType
{
    Application,
    Environment,
    Config,
    Override,
    User,
    ApiKey,
}
