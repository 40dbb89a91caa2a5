using ConfigAdmin.Core.Rollouts;

namespace ConfigAdmin.Web.Components.Rollouts;

/// <summary>What the rollout panel shows of a rollout, worked out without rendering: the bake left, the gate's counts, the groups.</summary>
public static class RolloutView
{
    /// <summary>The panel of one rollout on its application's page.</summary>
    public static string Href(string application, long id) =>
        Pages.Applications.ApplicationPage.TabHref(application, "rollouts") + $"&rollout={id}";

    public static bool IsRunning(RolloutDto r) => r.Status is RolloutStatus.Active or RolloutStatus.Paused;

    /// <summary>
    /// How long the current stage still bakes, as the stage clock counts it (time paused does not count); null once the
    /// rollout ended. Zero when the bake is over and the clock is about to move it.
    /// </summary>
    public static TimeSpan? BakeLeft(RolloutDto r, DateTimeOffset now)
    {
        if (!IsRunning(r) || r.Stage >= r.Stages.Count) return null;
        var until = r.PausedAt ?? now.UtcDateTime;
        var left = TimeSpan.FromSeconds(r.Stages[r.Stage].BakeSeconds) - (until - r.StageStartedAt);
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    /// <summary>"1 h 5 min", "4 min 12 s", "12 s".</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        if (seconds >= 3600) return $"{seconds / 3600} h {seconds % 3600 / 60} min";
        if (seconds >= 60) return $"{seconds / 60} min {seconds % 60} s";
        return $"{seconds} s";
    }

    /// <summary>"5 min", "30 s", "1 h 30 min" for a bake given in seconds (no zeros spelled out).</summary>
    public static string Bake(int seconds) => seconds switch
    {
        0 => "no bake",
        < 60 => $"{seconds} s",
        < 3600 => seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s",
        _ => seconds % 3600 == 0 ? $"{seconds / 3600} h" : $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    public static string StatusWord(RolloutStatus status) => status switch
    {
        RolloutStatus.RolledBack => "rolled back",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The gate in words: how many of the instances that applied the target report failing, against the limit.</summary>
    public static string Gate(RolloutDto r) => r.Applied == 0
        ? $"No instance has applied the target yet; it rolls back when more than {r.MaxFailingRatio:P0} of those that did report failing."
        : $"{r.Failing} of {r.Applied} instances that applied the target report failing ({(double)r.Failing / r.Applied:P0}); "
          + $"it rolls back above {r.MaxFailingRatio:P0}.";

    /// <summary>True when the failing share is above half the limit: the panel warns before the gate acts.</summary>
    public static bool NearTheLimit(RolloutDto r) => r.Applied > 0 && (double)r.Failing / r.Applied > r.MaxFailingRatio / 2;

    /// <summary>One group of the instance list: a document, a health, and its instances (failing first, then by id).</summary>
    public sealed record Group(RolloutDocument Document, InstanceHealth Health, IReadOnlyList<RolloutInstanceDto> Instances);

    /// <summary>The target's instances before the base's; within each, failing, then ok, then not reported.</summary>
    public static IReadOnlyList<Group> Groups(RolloutDto r) =>
    [
        .. from document in new[] { RolloutDocument.Target, RolloutDocument.Base }
        from health in new[] { InstanceHealth.Failing, InstanceHealth.Ok, InstanceHealth.Unknown }
        let instances = r.Instances.Where(i => i.Document == document && i.Health == health).ToList()
        where instances.Count > 0
        select new Group(document, health, instances),
    ];

    public static string HealthWord(InstanceHealth health) => health switch
    {
        InstanceHealth.Failing => "failing",
        InstanceHealth.Ok => "ok",
        _ => "not reported",
    };
}
