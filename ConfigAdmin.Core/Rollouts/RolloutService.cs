using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// Running rollouts (design §14): reading them, the manual steps (pause, resume, promote now, abort), health reports
/// and signals with the gate that rolls back at once, and the stage clock. Completing one applies its change request
/// through the write pipeline, which writes the revisions and the change record at that moment.
/// </summary>
public sealed class RolloutService(
    IConfigAdminDbFactory factory,
    ChangeContext context,
    ChangeFeed changes,
    RolloutRegistry registry,
    RolloutEvents events,
    WritePipeline pipeline,
    OperationPlanner planner,
    RequestFiler filer,
    ReviewAudit reviewAudit,
    TimeProvider time,
    Observability.ConfigAdminMetrics metrics)
{
    private Caller Caller => context.Caller;

    /// <summary>Rollouts of the applications the caller may see (or of one <paramref name="application"/>), newest first.</summary>
    public async Task<PagedResult<RolloutDto>> ListAsync(string? status, PageRequest page, string? application = null, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        if (status is not null && EnumNames.Parse<RolloutStatus>(status) is null)
            throw ValidatorExtensions.Invalid("status", "'status' must be active, paused, completed or rolledBack.");
        await using var db = await factory.CreateAsync(ct);
        var rollouts = Rollouts(db).AsNoTracking();
        if (!string.IsNullOrEmpty(application))
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
            rollouts = rollouts.Where(r => r.ApplicationId == app.Id);
        }
        else if (Caller.ReadableApplications() is { } readable) rollouts = rollouts.Where(r => readable.Contains(r.ApplicationId));
        if (EnumNames.Parse<RolloutStatus>(status) is { } wanted) rollouts = rollouts.Where(r => r.Status == wanted);
        var total = await rollouts.CountAsync(ct);
        var items = await rollouts.OrderByDescending(r => r.Id).PageOf(page).ToListAsync(ct);
        return PagedResult<RolloutDto>.Of(items.Select(Dto).ToList(), page, total);
    }

    public async Task<RolloutDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var rollout = await Rollouts(db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null || !Caller.Can(AppPermission.Read, rollout.ApplicationId)) throw new NotFoundException("Rollout", id.ToString());
        return Dto(rollout);
    }

    /// <summary>The rollout running in an application's environment, if any (what its page's panel shows).</summary>
    public async Task<RolloutDto?> RunningAsync(string application, string environment, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        var env = environment.ToLowerInvariant();
        var rollout = await Rollouts(db).AsNoTracking()
            .FirstOrDefaultAsync(r => r.ApplicationId == app.Id && r.Environment == env && (r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused), ct);
        return rollout is null ? null : Dto(rollout);
    }

    public Task<RolloutDto> PauseAsync(long id, CancellationToken ct = default) => StepAsync(id, AppPermission.Edit, (db, r) =>
    {
        if (r.Status != RolloutStatus.Active) throw NotIn(r, "paused");
        r.Status = RolloutStatus.Paused;
        r.PausedAt = Now;
        events.Record(db, r, RolloutEvents.Paused, $"Paused by {context.Actor} at {Percent(r)} %.", context.Actor);
    }, ct);

    public Task<RolloutDto> ResumeAsync(long id, CancellationToken ct = default) => StepAsync(id, AppPermission.Edit, (db, r) =>
    {
        if (r.Status != RolloutStatus.Paused) throw NotIn(r, "resumed");
        // The bake goes on where it stopped: the paused time does not count.
        r.StageStartedAt += Now - r.PausedAt!.Value;
        r.PausedAt = null;
        r.Status = RolloutStatus.Active;
        events.Record(db, r, RolloutEvents.Resumed, $"Resumed by {context.Actor}.", context.Actor);
    }, ct);

    /// <summary>Rolls back by hand (= abort): every instance reads the base again, at once.</summary>
    public Task<RolloutDto> AbortAsync(long id, CancellationToken ct = default) =>
        RollBackAsync(id, AppPermission.Edit, $"Aborted by {context.Actor}.", ct);

    /// <summary>
    /// Something outside (a monitor, an alert manager) says the rollout hurts: it rolls back at once. Editors and admins
    /// of the application may signal, and monitor keys, which watch the metrics of every application (design §14).
    /// </summary>
    public Task<RolloutDto> SignalAsync(long id, RolloutSignal signal, CancellationToken ct = default)
    {
        var reason = signal.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000 || !TextRules.IsStorable(reason))
            throw ValidatorExtensions.Invalid("reason", "A signal says why, in 1-1000 characters.");
        return RollBackAsync(id, Caller.IsMonitor ? null : AppPermission.Edit, $"Signal from {context.Actor}: {reason}", ct);
    }

    /// <summary>Goes to 100 % now: the request is applied and every instance reads the target.</summary>
    public async Task<RolloutDto> PromoteAsync(long id, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateAsync(ct))
        {
            var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (rollout is null || !Caller.Can(AppPermission.Read, rollout.ApplicationId)) throw new NotFoundException("Rollout", id.ToString());
            Caller.Ensure(AppPermission.Edit, rollout.ApplicationId, id.ToString());
            if (!rollout.IsRunning) throw NotIn(rollout, "promoted");
        }
        await CompleteAsync(id, $"Promoted to 100 % by {context.Actor}.", ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// An instance's health (design §14), sent at once by the client library: noted, and when a rollout runs in its
    /// environment, weighed at the gate, which rolls back the moment the failing share passes the limit.
    /// </summary>
    public async Task ReportHealthAsync(string application, string environment, string instance, HealthReport report, CancellationToken ct = default)
    {
        if (report.Status is not (InstanceHealth.Ok or InstanceHealth.Failing))
            throw ValidatorExtensions.Invalid("status", "'status' is ok or failing.");
        if (instance.Length is 0 or > 100 || instance.Any(char.IsControl)) throw ValidatorExtensions.Invalid("instanceId", "An instance id has 1-100 characters.");
        var reason = report.Reason is { Length: > 1000 } text ? text[..1000] : report.Reason;
        if (!TextRules.IsStorable(reason)) throw ValidatorExtensions.Invalid("reason", "The reason contains a NUL character or invalid UTF-16.");
        string? tipped = null;
        long rolloutId = 0;
        IReadOnlyList<(long, string, RolloutRegistry.Served)> merged = [];
        await Writes.RunAsync(factory, null, async db =>
        {
            var app = await db.FindApplicationAsync(application, ct);
            Caller.EnsureCanClientRead(app.Id, application, environment);
            var env = environment.ToLowerInvariant();
            var rollout = await db.Rollouts.Include(r => r.Application).Include(r => r.Instances)
                .FirstOrDefaultAsync(r => r.ApplicationId == app.Id && r.Environment == env && (r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused), ct);
            if (rollout is null) return false;
            rolloutId = rollout.Id;
            merged = registry.PendingServed(rollout.Id);
            Merge(rollout, merged);
            var row = InstanceOf(rollout, instance);
            row.Health = report.Status!.Value;
            row.Reason = report.Status == InstanceHealth.Failing ? reason : null;
            row.ReportedAt = row.LastSeenAt = Now;
            if (report.ETag == rollout.TargetETag) row.ServedTarget = true;
            tipped = RolloutGate.Tipped(rollout.MaxFailingRatio, rollout.Instances);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        registry.Written(merged);
        // The gate acts on its own: the rollback is the rollout's, whoever's report tipped it.
        if (tipped is not null) await AsRolloutAsync(rolloutId, () => RollBackAsync(rolloutId, permission: null, tipped, ct));
    }

    /// <summary>
    /// The stage clock, one tick (every node runs it; a stage moves once, on the node that saves first): each active
    /// rollout whose stage has baked advances, or completes when the next stage is the last.
    /// </summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        List<Rollout> active;
        await using (var db = await factory.CreateAsync(ct))
            active = await db.Rollouts.AsNoTracking().Where(r => r.Status == RolloutStatus.Active).ToListAsync(ct);
        foreach (var rollout in active)
        {
            var stages = StagesOf(rollout);
            switch (RolloutGate.OnClock(rollout, stages, Now))
            {
                case GateStep.Advance:
                    await TryAsync(() => AdvanceAsync(rollout.Id, rollout.Version, ct));
                    break;
                case GateStep.Complete:
                    await TryAsync(() => CompleteAsync(rollout.Id, "Reached 100 %: the last stage.", ct));
                    break;
            }
        }
    }

    /// <summary>Writes what the read path served since the last flush: which instances read which document.</summary>
    public async Task FlushServedAsync(CancellationToken ct = default)
    {
        var served = registry.PendingServed();
        if (served.Count == 0) return;
        await Writes.RunAsync(factory, null, async db =>
        {
            var ids = served.Select(s => s.Rollout).Distinct().ToList();
            var rollouts = await db.Rollouts.Include(r => r.Instances).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            foreach (var rollout in rollouts) Merge(rollout, served.Where(s => s.Rollout == rollout.Id).ToList());
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        registry.Written(served);
    }

    private async Task AdvanceAsync(long id, long version, CancellationToken ct) =>
        await Writes.RunAsync(factory, version, async db =>
        {
            var rollout = await db.Rollouts.Include(r => r.Application).FirstAsync(r => r.Id == id, ct);
            Writes.CheckVersion(rollout, version, "Rollout", id.ToString());
            rollout.Stage++;
            rollout.StageStartedAt = Now;
            Writes.Touch(rollout, time);
            events.Record(db, rollout, RolloutEvents.Advanced, $"Stage {rollout.Stage + 1}: {Percent(rollout)} % read the target.", "clock");
            await changes.CommitAsync(db, ConfigChange.Rollouts(rollout.ApplicationId, rollout.Environment), ct);
            return true;
        }, ct);

    /// <summary>Applies the rollout's request through the write pipeline, as the rollout: revisions and the change record now.</summary>
    private Task CompleteAsync(long id, string why, CancellationToken ct) => AsRolloutAsync(id, () =>
            pipeline.RunAsync(WriteRequest.Direct, async db =>
            {
                var rollout = await db.Rollouts.Include(r => r.Application).FirstAsync(r => r.Id == id, ct);
                if (!rollout.IsRunning) throw NotIn(rollout, "completed");
                var request = await db.ChangeRequests.Include(r => r.Application).Include(r => r.Approvals).Include(r => r.Comments)
                    .FirstAsync(r => r.Id == rollout.ChangeRequestId, ct);
                var set = await planner.PlanAsync(db, rollout.Application!, filer.OperationsOf(request), ct);
                set.Applying = new ApplyingRequest(request);
                set.CompletesRollout = rollout;
                rollout.Reason = why;
                return set;
            }, ct));

    /// <summary>Runs what the rollout does by itself (its clock, its gate) as the rollout: the audit's actor is <c>rollout:&lt;id&gt;</c>.</summary>
    private async Task AsRolloutAsync<T>(long id, Func<Task<T>> act)
    {
        var previous = context.Caller;
        context.ActAs(new Caller(CallerKind.System, $"rollout:{id}", [new Grant(Role.Admin, null)]));
        try
        {
            await act();
        }
        finally
        {
            context.ActAs(previous);
        }
    }

    /// <summary>Every instance reads the base again, at once; the request is rolled back too (it may be rebased and applied again).</summary>
    private async Task<RolloutDto> RollBackAsync(long id, AppPermission? permission, string reason, CancellationToken ct)
    {
        var rolledBack = await StepAsync(id, permission, (db, r) =>
        {
            if (!r.IsRunning) throw NotIn(r, "rolled back");
            r.Status = RolloutStatus.RolledBack;
            r.Reason = reason;
            r.EndedAt = Now;
            events.Record(db, r, RolloutEvents.RolledBack, $"Rolled back: {reason}", context.Actor);
        }, ct, async (db, r) =>
        {
            var request = await db.ChangeRequests.Include(x => x.Application).FirstAsync(x => x.Id == r.ChangeRequestId, ct);
            request.Status = ChangeRequestStatus.RolledBack;
            Writes.Touch(request, time);
            reviewAudit.Record(db, request, Audit.AuditAction.RolledBack, new { rollout = r.Id, reason });
        });
        metrics.Rollout(rolledBack.Application, rolledBack.Environment, Observability.ConfigAdminMetrics.RolledBack);
        // A monitor key reads no application: it learns the outcome of its signal, not the rollout's instances.
        return Caller.IsMonitor ? rolledBack with { Instances = [] } : await GetAsync(id, ct);
    }

    /// <summary>
    /// One manual or automatic step of a rollout, in its own unit of work with the change record that moves every node.
    /// No <paramref name="permission"/>: the step is the rollout's own (its clock, its gate) or a monitor's signal, whose
    /// caller acts on every application.
    /// </summary>
    private async Task<RolloutDto> StepAsync(long id, AppPermission? permission, Action<IConfigAdminDb, Rollout> step, CancellationToken ct,
        Func<IConfigAdminDb, Rollout, Task>? more = null)
    {
        var rollout = await Writes.RunAsync(factory, null, async db =>
        {
            var rollout = await db.Rollouts.Include(r => r.Application).Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (rollout is null || (permission is not null && !Caller.Can(AppPermission.Read, rollout.ApplicationId)))
                throw new NotFoundException("Rollout", id.ToString());
            if (permission is { } needed) Caller.Ensure(needed, rollout.ApplicationId, id.ToString(), rollout.Application!.Name);
            step(db, rollout);
            if (more is not null) await more(db, rollout);
            Writes.Touch(rollout, time);
            await changes.CommitAsync(db, ConfigChange.Rollouts(rollout.ApplicationId, rollout.Environment), ct);
            return rollout;
        }, ct);
        return Dto(rollout);
    }

    /// <summary>Served notes into the rollout's instance rows (the gate counts an instance once it got the target).</summary>
    private void Merge(Rollout rollout, IEnumerable<(long Rollout, string Instance, RolloutRegistry.Served Served)> served)
    {
        foreach (var (_, instance, note) in served)
        {
            var row = InstanceOf(rollout, instance);
            row.Host = note.Host ?? row.Host;
            row.Document = note.Document;
            row.ServedTarget |= note.Document == RolloutDocument.Target;
            row.LastSeenAt = Now;
        }
    }

    private RolloutInstance InstanceOf(Rollout rollout, string instance)
    {
        var row = rollout.Instances.FirstOrDefault(i => i.InstanceId == instance);
        if (row is not null) return row;
        row = new RolloutInstance { RolloutId = rollout.Id, InstanceId = instance, LastSeenAt = Now };
        rollout.Instances.Add(row);
        return row;
    }

    /// <summary>A lost race on the clock is another node's win; anything else is logged by the caller's loop.</summary>
    private static async Task TryAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is StaleVersionException or ConcurrentWriteException or ConflictException)
        {
        }
    }

    private static IQueryable<Rollout> Rollouts(IConfigAdminDb db) =>
        db.Rollouts.Include(r => r.Application).Include(r => r.Instances).Include(r => r.Events);

    private static ConflictException NotIn(Rollout r, string what) =>
        new(ErrorCodes.RolloutClosed, $"Rollout #{r.Id} is {Word(r.Status)}; it cannot be {what}.");

    private static string Word(RolloutStatus status) => status == RolloutStatus.RolledBack ? "rolled back" : status.ToString().ToLowerInvariant();

    private static IReadOnlyList<RolloutStage> StagesOf(Rollout r) => System.Text.Json.JsonSerializer.Deserialize<List<RolloutStage>>(r.Stages, RolloutJson.Options)!;

    private static int Percent(Rollout r) => RolloutGate.Percent(r, StagesOf(r));

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static RolloutDto Dto(Rollout r) => new(
        r.Id, r.Application!.Name, r.Environment, r.Status, r.Stage, RolloutGate.Percent(r, StagesOf(r)), StagesOf(r),
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Canary, RolloutJson.Options)!, r.MaxFailingRatio, r.BaseETag, r.TargetETag,
        r.ChangeRequestId, r.Reason, r.CreatedAt, r.EndedAt, r.Version,
        r.Instances.OrderBy(i => i.InstanceId, StringComparer.Ordinal)
            .Select(i => new RolloutInstanceDto(i.InstanceId, i.Host, r.Status == RolloutStatus.RolledBack ? RolloutDocument.Base : i.Document,
                i.Health, i.Reason, i.LastSeenAt)).ToList(),
        r.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new RolloutEventDto(e.At, e.Kind, e.Message, e.Actor)).ToList(),
        r.StageStartedAt, r.PausedAt);
}
