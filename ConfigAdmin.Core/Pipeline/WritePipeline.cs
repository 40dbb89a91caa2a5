using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Reviews;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// The one way a change reaches what clients read. Every path (key and override writes, text mode, import, restore,
/// promote, revert, application rename and delete, change requests) plans a <see cref="ChangeSet"/> and hands it here,
/// and the same steps run in the same order: authorize, validate, guard (protection), then revisions, audit entries,
/// the change record and the outbox in one transaction, then the signal to caches and waiting clients (ADR 0016).
/// </summary>
public sealed class WritePipeline(
    IConfigAdminDbFactory factory,
    ChangeContext context,
    IEnumerable<IChangeValidator> validators,
    KeyStates states,
    ChangeFeed changes,
    RequestFiler filer,
    Rollouts.RolloutSteps rollouts,
    ReviewAudit reviewAudit,
    Webhooks.WebhookOutbox webhooks,
    Observability.ConfigAdminMetrics metrics)
{
    private readonly IChangeValidator[] _validators = validators.ToArray();

    /// <summary>
    /// Plans the change in a fresh unit of work (retried on a lost race unless the caller named a version), then
    /// stores it, answers what it would do, or files it as a change request.
    /// </summary>
    public Task<WriteResult> RunAsync(WriteRequest request, Func<IConfigAdminDb, Task<ChangeSet>> plan, CancellationToken ct) =>
        Writes.RunAsync(factory, request.ExpectedVersion, async db =>
        {
            var set = await plan(db);
            var assessed = await AssessAsync(db, set, ct);
            switch (request.Mode)
            {
                case WriteMode.DryRun:
                    return assessed;
                case WriteMode.File:
                    if (!set.Changing.Any()) throw ValidatorExtensions.Invalid("operations", "This changes nothing, so there is nothing to review.");
                    return assessed with
                    {
                        Filed = await filer.FileAsync(db, set, assessed, request.RequestTitle!, request.RequestDescription, ct),
                    };
            }
            if (set.IsEmpty) return assessed;
            // A rollout holds its environment first (design §14); a completing rollout was authorized when it started.
            await rollouts.GuardAsync(db, set, assessed.Documents.Keys.Concat(set.MovesDocuments ?? []), ct);
            var forced = set.CompletesRollout is null && ProtectionGuard.Check(set.App.Name, db.LoadedEnvironmentsNamed(assessed.ProtectedEnvironments), set.Applying);
            if (request.StartsRollout is { } rollout)
            {
                var started = await StartRolloutAsync(db, set, assessed, rollout, ct);
                metrics.Rollout(set.App.Name, started.Environment, Observability.ConfigAdminMetrics.Started);
                return assessed with { Started = started };
            }
            await CommitAsync(db, set, forced, ct);
            metrics.Changed(set.App.Name, assessed.Documents.Keys);
            if (set.CompletesRollout is { } completed) metrics.Rollout(set.App.Name, completed.Environment, Observability.ConfigAdminMetrics.Completed);
            return assessed;
        }, ct);

    /// <summary>Starts a rollout of the approved request instead of storing it: the rollout row, its event and the change record.</summary>
    private async Task<Rollouts.Rollout> StartRolloutAsync(IConfigAdminDb db, ChangeSet set, WriteResult assessed, Rollouts.RolloutInput input,
        CancellationToken ct)
    {
        Rollouts.Rollout? started = null;
        var environment = assessed.Documents.Keys.FirstOrDefault() ?? "";
        await changes.CommitInTransactionAsync(db, ConfigChange.Rollouts(set.App.Id, environment),
            async () => started = await rollouts.StartAsync(db, set, assessed, input, ct), ct);
        return started!;
    }

    /// <summary>
    /// Authorizes and validates a planned change and works out what it does to each environment's document and which
    /// protected environments that touches; stores nothing. Rebasing a change request uses it alone.
    /// </summary>
    public async Task<WriteResult> AssessAsync(IConfigAdminDb db, ChangeSet set, CancellationToken ct)
    {
        Authorize(set);
        foreach (var validator in _validators) validator.Validate(set);
        await db.LoadEnvironmentsAsync(ct);
        var environments = db.LoadedEnvironments();
        var documents = DocumentDiff.Of(set.Steps, environments.Select(e => e.Name).ToList());
        var changed = documents.Keys.Concat(set.MovesDocuments ?? []);
        var touched = ProtectionGuard.Touched(changed, environments);
        return new WriteResult(set, documents, touched.Select(e => e.Name).ToList());
    }

    private void Authorize(ChangeSet set)
    {
        context.Caller.Ensure(set.Right == WriteRight.Administer ? AppPermission.Administer : AppPermission.Edit, set.App, set.App.Name);
    }

    /// <summary>
    /// Stores the steps with their audit entries and revisions, the application's own change, the change record and its
    /// webhook event (the outbox) in one transaction. An applied change request's row is saved first, so two applies of
    /// it serialize; keys that take each other's names are moved aside first, in the same transaction.
    /// </summary>
    private async Task CommitAsync(IConfigAdminDb db, ChangeSet set, bool forced, CancellationToken ct)
    {
        var changing = set.Changing.OrderBy(s => s.Target is null ? 0 : 1).ToList();
        var heldNames = changing.Where(s => s.Tracked is not null).Select(s => s.Tracked!.NormalizedKey).ToHashSet(StringComparer.Ordinal);
        var swaps = changing.Where(s => s.Tracked is not null && s.Target is not null
                                        && s.Target.Key.ToUpperInvariant() != s.Tracked.NormalizedKey
                                        && heldNames.Contains(s.Target.Key.ToUpperInvariant())).ToList();
        ConfigChange? change = changing.Count > 0 ? set.ChangeRecord() : set.Applying is not null ? ConfigChange.Reviews(set.App.Id) : null;

        async Task Stage()
        {
            if (set.Applying is { } claimed)
            {
                reviewAudit.Claim(claimed);
                await db.SaveChangesAsync(ct);
            }
            if (swaps.Count > 0)
            {
                foreach (var step in swaps) step.Tracked!.Key = "~moving-" + step.Tracked.Id.ToString("N");
                await db.SaveChangesAsync(ct);
            }
            foreach (var step in changing)
            {
                if (step.Target is null) states.Delete(db, set.App, step.Tracked!);
                else if (step.Now is null) set.Stored[step.Id] = states.Create(db, set.App, step.Target);
                else
                {
                    states.Update(db, set.App, step.Tracked!, step.Now, step.Target);
                    set.Stored[step.Id] = step.Tracked!;
                }
            }
            if (set.ApplicationWrite?.Invoke(db) is { } own) change = own;
            webhooks.ConfigChanged(db, set, change);
            if (set.Applying is { } applying) reviewAudit.Applied(db, applying, forced);
            if (set.CompletesRollout is { } completed) rollouts.Completed(db, completed);
        }

        if (swaps.Count > 0 || set.Applying is not null) await changes.CommitInTransactionAsync(db, change!, Stage, ct);
        else
        {
            await Stage();
            if (change is null) await db.SaveChangesAsync(ct);
            else await changes.CommitAsync(db, change, ct);
        }
    }
}
