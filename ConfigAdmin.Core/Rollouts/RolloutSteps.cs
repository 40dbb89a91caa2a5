using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// The write pipeline's rollout steps (design §14): the guard that holds other writes off an environment while a rollout
/// runs there (checked before protection), starting a rollout instead of storing an approved request, and closing the
/// rollout that a completing write belongs to.
/// </summary>
public sealed class RolloutSteps(ResolutionService resolution, SecretValues secrets, RolloutEvents events, ChangeContext context,
    TimeProvider time)
{
    /// <summary>
    /// Refuses a write that changes the document of an environment where a rollout runs (other than the one it completes),
    /// or reshapes a key the rollout's target holds: a key with no value there before the rollout is in no stored document,
    /// yet a new schema, type or secret flag, a rename or a delete would break the target that instances already read and
    /// that the rollout stores when it completes.
    /// </summary>
    public async Task GuardAsync(IConfigAdminDb db, ChangeSet set, IEnumerable<string> changedEnvironments, CancellationToken ct)
    {
        var changed = changedEnvironments.ToList();
        var reshaped = set.Changing.Where(Reshapes).Select(s => s.Now!.Key).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && reshaped.Count == 0) return;
        if (db.Facts is { RolloutRunning: false } facts && facts.ApplicationId == set.App.Id) return;
        var (completing, withTargets) = (set.CompletesRollout?.Id ?? 0, reshaped.Count > 0);
        var running = await db.Rollouts.AsNoTracking()
            .Where(r => r.ApplicationId == set.App.Id && (r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused) && r.Id != completing)
            .Select(r => new { r.Id, r.Environment, Target = withTargets ? r.TargetValues : null }).ToListAsync(ct);
        var blocking = running.Where(r => changed.Contains(r.Environment)
                                          || (r.Target is not null && RolloutJson.TargetValues(r.Target).Any(v => reshaped.Contains(v.Key)))).ToList();
        if (blocking.Count > 0) throw new RolloutInProgressException(blocking.Select(r => r.Environment).ToList(), blocking[0].Id);
    }

    /// <summary>The step changes what a key's values must be or mean (its type, schema or secret flag), renames or deletes it.</summary>
    private static bool Reshapes(KeyStep step) =>
        step.Now is { } now && (step.Target is not { } target || target.Key != now.Key || target.ValueType != now.ValueType
                                || target.Schema != now.Schema || target.IsSecret != now.IsSecret);

    /// <summary>
    /// Starts a rollout of the approved request <paramref name="set"/> applies: nothing is stored for the keys yet; the
    /// target document is worked out now and kept with the rollout, canaries get it from this moment on.
    /// </summary>
    public async Task<Rollout> StartAsync(IConfigAdminDb db, ChangeSet set, WriteResult assessed, RolloutInput input, CancellationToken ct)
    {
        var request = set.Applying?.Request ?? throw new InvalidOperationException("A rollout starts from a change request.");
        if (assessed.Documents.Count == 0) throw ValidatorExtensions.Invalid("rollout", "This request changes no environment's document now: there is nothing to roll out.");
        if (assessed.Documents.Count != 1) throw new RolloutSingleEnvironmentException(assessed.Documents.Keys.ToList());
        var environment = assessed.Documents.Keys.Single();
        var (_, current) = await resolution.ResolveStoredAsync(set.App.Name, environment, ct);
        var target = TargetValues(current, set.Changing, environment);
        var now = time.GetUtcNow().UtcDateTime;
        var rollout = new Rollout
        {
            ApplicationId = set.App.Id, Application = set.App, Environment = environment, ChangeRequestId = request.Id,
            Status = RolloutStatus.Active, Stages = RolloutJson.Write(input.Stages), Canary = RolloutJson.Write(input.Canary ?? []),
            MaxFailingRatio = input.FailingRatio, Stage = 0, StageStartedAt = now, StartedBy = context.Actor,
            BaseETag = resolution.ToDocument(current, false, Access.SecretView.Clear).ETag,
            TargetETag = resolution.ToDocument(target, false, Access.SecretView.Clear).ETag,
            TargetValues = RolloutJson.Write(target),
        };
        Writes.Stamp(rollout, time);
        db.Rollouts.Add(rollout);
        await db.SaveChangesAsync(ct);
        events.Record(db, rollout, RolloutEvents.Started,
            $"Started by {context.Actor}: {Describe(input)}; rolls back beyond {input.FailingRatio:P0} failing.", context.Actor);
        return rollout;
    }

    /// <summary>The write that completes a rollout commits here: the rollout ends as completed with it.</summary>
    public void Completed(IConfigAdminDb db, Rollout rollout)
    {
        rollout.Status = RolloutStatus.Completed;
        rollout.EndedAt = time.GetUtcNow().UtcDateTime;
        Writes.Touch(rollout, time);
        events.Record(db, rollout, RolloutEvents.Completed, "Reached 100 %: every instance reads the target; revisions written.", context.Actor);
    }

    /// <summary>The environment's document after the steps: each key's resolved value there, as stored (sealed when secret).</summary>
    private IReadOnlyList<ResolvedValue> TargetValues(IReadOnlyList<ResolvedValue> current, IEnumerable<KeyStep> steps, string environment)
    {
        var values = current.ToDictionary(v => v.Key, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (step.Now is { } now) values.Remove(now.Key);
            if (step.Target is not { } target || target.ResolvedIn(environment) is not { } value) continue;
            var source = target.Overrides.ContainsKey(environment) ? environment : "default";
            values[target.Key] = new ResolvedValue(target.Key, target.ValueType, secrets.Seal(target.IsSecret, value)!, source, target.IsSecret);
        }
        return values.Values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }

    private static string Describe(RolloutInput input) =>
        (input.Canary is { Count: > 0 } canary ? $"{canary.Count} canar{(canary.Count == 1 ? "y" : "ies")}, then " : "")
        + string.Join(" → ", input.Stages!.Select(s => s.BakeSeconds > 0 ? $"{s.Percent} % ({s.BakeSeconds} s)" : $"{s.Percent} %"));
}
