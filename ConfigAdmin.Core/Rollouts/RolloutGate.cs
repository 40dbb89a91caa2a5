namespace ConfigAdmin.Core.Rollouts;

/// <summary>What the gate decides for a running rollout at one moment.</summary>
public enum GateStep
{
    Wait,
    Advance,
    Complete,
    RollBack,
}

/// <summary>
/// The gate (design §14) as pure functions of the rollout, its instances' reports and the time: roll back when the
/// failing share of the instances that applied the target exceeds the limit; otherwise advance once a stage has baked,
/// and complete when the next stage is the last (100 %).
/// </summary>
public static class RolloutGate
{
    /// <summary>How many instances applied the target, and how many of those say they are failing.</summary>
    public static (int Failing, int Applied) Health(IEnumerable<RolloutInstance> instances)
    {
        var (failing, applied) = (0, 0);
        foreach (var i in instances)
        {
            if (!i.ServedTarget) continue;
            applied++;
            if (i.Health == InstanceHealth.Failing) failing++;
        }
        return (failing, applied);
    }

    /// <summary>Why the rollout must roll back now, or null while the failing share is within the limit.</summary>
    public static string? Tipped(double maxFailingRatio, IEnumerable<RolloutInstance> instances)
    {
        var (failing, applied) = Health(instances);
        return applied > 0 && (double)failing / applied > maxFailingRatio
            ? $"{failing} of {applied} instances that applied the target report failing (more than {maxFailingRatio:P0})."
            : null;
    }

    /// <summary>What the stage clock does now: wait for the bake, advance to the next stage, or complete on reaching the last.</summary>
    public static GateStep OnClock(Rollout rollout, IReadOnlyList<RolloutStage> stages, DateTime now)
    {
        if (rollout.Status != RolloutStatus.Active) return GateStep.Wait;
        if (now - rollout.StageStartedAt < TimeSpan.FromSeconds(stages[rollout.Stage].BakeSeconds)) return GateStep.Wait;
        return rollout.Stage + 1 >= stages.Count - 1 ? GateStep.Complete : GateStep.Advance;
    }

    /// <summary>The share of instances served the target at the current stage (canaries aside); 100 once completed.</summary>
    public static int Percent(Rollout rollout, IReadOnlyList<RolloutStage> stages) =>
        rollout.Status == RolloutStatus.Completed ? 100 : rollout.Status == RolloutStatus.RolledBack ? 0 : stages[rollout.Stage].Percent;
}
