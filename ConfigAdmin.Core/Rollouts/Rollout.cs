using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Rollouts;

public enum RolloutStatus
{
    Active,
    Paused,
    Completed,
    RolledBack,
}

/// <summary>Which document an instance is served while a rollout runs.</summary>
public enum RolloutDocument
{
    Base,
    Target,
}

/// <summary>What an instance says of itself (design §14): nothing yet, fine, or failing with a reason.</summary>
public enum InstanceHealth
{
    Unknown,
    Ok,
    Failing,
}

/// <summary>One stage: the share of instances served the target, and how long it bakes before the next.</summary>
public sealed record RolloutStage(int Percent, int BakeSeconds = 0);

/// <summary>
/// A change request applied gradually to one environment (design §14): canary instances first, then growing sticky
/// percentages, each stage baking for its time, rolled back at once when too many instances that got the target report
/// failing or a monitor signals. It lives in the database, so it survives a restart and every node serves it alike;
/// revisions and the change record are written when it completes.
/// </summary>
public sealed class Rollout : IVersioned
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Application? Application { get; set; }
    public string Environment { get; set; } = "";
    public long ChangeRequestId { get; set; }
    public RolloutStatus Status { get; set; }

    /// <summary>The stages as JSON (<see cref="RolloutStage"/>), and the canary instance ids as JSON.</summary>
    public string Stages { get; set; } = "[]";

    public string Canary { get; set; } = "[]";
    public double MaxFailingRatio { get; set; }

    /// <summary>The current stage's index; its bake started at <see cref="StageStartedAt"/> (paused time excluded).</summary>
    public int Stage { get; set; }

    public DateTime StageStartedAt { get; set; }
    public DateTime? PausedAt { get; set; }

    /// <summary>The documents' ETags as the rollout started: what a client applied says which one it has.</summary>
    public string BaseETag { get; set; } = "";

    public string TargetETag { get; set; } = "";

    /// <summary>
    /// The target document's values as stored (JSON; secret values sealed as at rest): while the rollout runs no other
    /// write may change this environment's document, so what it serves stays exactly what was approved.
    /// </summary>
    public string TargetValues { get; set; } = "[]";
    public string? Reason { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public long Version { get; set; } = 1;

    public List<RolloutInstance> Instances { get; set; } = [];
    public List<RolloutEvent> Events { get; set; } = [];

    public bool IsRunning => Status is RolloutStatus.Active or RolloutStatus.Paused;
}

/// <summary>An instance the rollout served, which document it last got, whether it ever got the target, and its health.</summary>
public sealed class RolloutInstance
{
    public long Id { get; set; }
    public long RolloutId { get; set; }
    public string InstanceId { get; set; } = "";
    public string? Host { get; set; }
    public RolloutDocument Document { get; set; }

    /// <summary>It applied the target (was served it, or said so): its health counts at the gate.</summary>
    public bool ServedTarget { get; set; }

    public InstanceHealth Health { get; set; }
    public string? Reason { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? ReportedAt { get; set; }
}

/// <summary>What happened to a rollout, in order: started, each stage, a pause, a signal, the end.</summary>
public sealed class RolloutEvent
{
    public long Id { get; set; }
    public long RolloutId { get; set; }
    public DateTime At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Actor { get; set; }
}
