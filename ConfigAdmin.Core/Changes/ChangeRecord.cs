namespace ConfigAdmin.Core.Changes;

/// <summary>
/// One committed change, as every node follows them: an increasing revision, what kind, which application and which
/// environments. Written in the transaction of the change itself, so a failed write leaves none.
/// </summary>
public sealed class ChangeRecord
{
    public long Revision { get; set; }
    public ChangeKind Kind { get; set; }
    public Guid? ApplicationId { get; set; }

    /// <summary>Environment names, comma-separated; null for all.</summary>
    public string? Environments { get; set; }

    public DateTime OccurredAt { get; set; }

    public static ChangeRecord Of(ConfigChange change, DateTime now) => new()
    {
        Kind = change.Kind, ApplicationId = change.ApplicationId,
        Environments = change.Environments is null ? null : string.Join(',', change.Environments), OccurredAt = now,
    };

    public ConfigChange ToChange() => new(Kind, ApplicationId, Environments?.Split(','));
}
