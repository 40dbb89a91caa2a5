namespace ConfigAdmin.Core.Rollouts;

/// <summary>An instance of a rollout as its panel shows it: which document it reads, and how it says it is.</summary>
public sealed record RolloutInstanceDto(string Id, string? Host, RolloutDocument Document, InstanceHealth Health, string? Reason, DateTime LastSeenAt);

public sealed record RolloutEventDto(DateTime At, string Kind, string Message, string? Actor);

/// <summary>A rollout (design §14): where it is, what each instance reads, and what happened so far.</summary>
public sealed record RolloutDto(
    long Id, string Application, string Environment, RolloutStatus Status, int Stage, int Percent, IReadOnlyList<RolloutStage> Stages,
    IReadOnlyList<string> Canary, double MaxFailingRatio, string BaseETag, string TargetETag, long ChangeRequestId, string? Reason,
    DateTime CreatedAt, DateTime? EndedAt, long Version, IReadOnlyList<RolloutInstanceDto> Instances, IReadOnlyList<RolloutEventDto> Events)
{
    /// <summary>How many instances applied the target, and how many of those report failing.</summary>
    public int Applied => Instances.Count(i => i.Document == RolloutDocument.Target);

    public int Failing => Instances.Count(i => i.Document == RolloutDocument.Target && i.Health == InstanceHealth.Failing);
}

/// <summary>What a client library reports of its instance (design §14): <c>ok</c> or <c>failing</c>, why, and the ETag it applied.</summary>
public sealed record HealthReport(InstanceHealth? Status, string? Reason = null, string? ETag = null);

/// <summary>A monitor's or an alert manager's word that a rollout hurts: it rolls back at once.</summary>
public sealed record RolloutSignal(string? Reason);
