using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Rollouts;

/// <summary>
/// A progressive rollout (design §14) on both databases, its stage clock moved by a fake clock: canaries first, sticky
/// growing percentages, completion with revisions, and the gate rolling back at once.
/// </summary>
[Trait("Category", "Database")]
public abstract class RolloutFlowTests(ClockedServiceHost host)
{
    private const string Base = """{"Timeout":10}""", Target = """{"Timeout":15}""";

    [Fact]
    public async Task Starting_ServesTheTargetToCanariesAndTheFirstStagesCohort_AndTheBaseToEveryoneElse()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();

        var rollout = await kit.StartAsync();

        var (covered, outside) = RolloutTestKit.Instances(rollout.Id, 10);
        Assert.Equal((RolloutStatus.Active, 0, 10), (rollout.Status, rollout.Stage, rollout.Percent));
        Assert.Equal(Target, await kit.ReadAsync("canary-1"));
        foreach (var instance in covered) Assert.Equal(Target, await kit.ReadAsync(instance));
        foreach (var instance in outside) Assert.Equal(Base, await kit.ReadAsync(instance));
        Assert.Equal(Base, await kit.ReadAsync(null));
        Assert.Equal(ChangeRequestStatus.Approved, (await kit.RequestAsync()).Status);
        Assert.Equal(Base, await host.Services.GetRequiredService<ResolutionService>().FreshAsync(kit.App, "production"));
    }

    [Fact]
    public async Task Stages_AdvanceOnlyOnceBaked_StickyAsTheyGrow_AndTheLastCompletesWithRevisions()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync();
        var (first, _) = RolloutTestKit.Instances(rollout.Id, 10);

        await kit.TickAsync(TimeSpan.FromSeconds(59));
        var unbaked = await kit.With(r => r.GetAsync(rollout.Id));
        await kit.TickAsync(TimeSpan.FromSeconds(1));
        var second = await kit.With(r => r.GetAsync(rollout.Id));
        foreach (var instance in first) Assert.Equal(Target, await kit.ReadAsync(instance));
        var (_, stillOutside) = RolloutTestKit.Instances(rollout.Id, 50);
        foreach (var instance in stillOutside) Assert.Equal(Base, await kit.ReadAsync(instance));
        await kit.TickAsync(TimeSpan.FromSeconds(60));
        var done = await kit.With(r => r.GetAsync(rollout.Id));

        Assert.Equal(10, unbaked.Percent);
        Assert.Equal((1, 50), (second.Stage, second.Percent));
        Assert.Equal(RolloutStatus.Completed, done.Status);
        foreach (var instance in stillOutside.Append("canary-1")) Assert.Equal(Target, await kit.ReadAsync(instance));
        Assert.Equal(Target, await kit.ReadAsync(null));
        Assert.Equal(ChangeRequestStatus.Applied, (await kit.RequestAsync()).Status);
        await using var db = await host.RawContextAsync();
        var revisions = await db.Revisions.Where(r => r.ConfigId == kit.KeyId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, revisions.Count);
        Assert.Contains("\"production\":\"15\"", revisions[^1].Overrides);
        Assert.Contains(done.Events, e => e.Kind == RolloutEvents.Advanced);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.ChangeRequestId == kit.RequestId && e.Key == "Timeout" && e.Actor == $"rollout:{rollout.Id}"));
    }

    [Fact]
    public async Task FailingReportsBeyondTheRatio_FromInstancesThatAppliedTheTarget_RollBackAtOnce()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync(new RolloutInput(["canary-1", "canary-2", "canary-3"], [new(0, 600), new(100)], 0.4));
        foreach (var canary in new[] { "canary-1", "canary-2", "canary-3" }) Assert.Equal(Target, await kit.ReadAsync(canary));
        var fleet = await kit.WithAs(RolloutTestKit.Client, async r =>
        {
            // One of three failing is within 40 %; a failing base reader does not count; the second failing canary tips it.
            await r.ReportHealthAsync(kit.App, "production", "canary-1", new HealthReport(InstanceHealth.Failing, "bind failed", rollout.TargetETag));
            await r.ReportHealthAsync(kit.App, "production", "outsider", new HealthReport(InstanceHealth.Failing, "unrelated", rollout.BaseETag));
            var within = await kit.With(x => x.GetAsync(rollout.Id));
            await r.ReportHealthAsync(kit.App, "production", "canary-2", new HealthReport(InstanceHealth.Failing, "options invalid", rollout.TargetETag));
            return within;
        });

        var after = await kit.With(r => r.GetAsync(rollout.Id));

        Assert.Equal(RolloutStatus.Active, fleet.Status);
        Assert.Equal(RolloutStatus.RolledBack, after.Status);
        Assert.Contains("2 of 3", after.Reason);
        foreach (var canary in new[] { "canary-1", "canary-2", "canary-3" }) Assert.Equal(Base, await kit.ReadAsync(canary));
        Assert.Equal(ChangeRequestStatus.RolledBack, (await kit.RequestAsync()).Status);
        await using var db = await host.RawContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == AuditEntityType.Rollout && e.Action == AuditAction.RolledBack));
        Assert.Equal(Base, await host.Services.GetRequiredService<ResolutionService>().FreshAsync(kit.App, "production"));
    }

    [Fact]
    public async Task AFailingReport_WhileAFlushWritesWhoReadTheTarget_CountsThoseInstances_AndDoesNotRollBack()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync(new RolloutInput(["canary-1", "canary-2", "canary-3"], [new(0, 600), new(100)], 0.4));
        foreach (var canary in new[] { "canary-1", "canary-2", "canary-3" }) Assert.Equal(Target, await kit.ReadAsync(canary));
        // The flush of who was served what is held just before it saves; canary-1's report comes meanwhile.
        var (writing, release) = host.Hooks.HoldNextSave();
        var flush = kit.With(async r =>
        {
            await r.FlushServedAsync();
            return 0;
        });
        await writing.WaitAsync(TimeSpan.FromSeconds(10));

        var report = kit.WithAs(RolloutTestKit.Client, async r =>
        {
            await r.ReportHealthAsync(kit.App, "production", "canary-1", new HealthReport(InstanceHealth.Failing, "bind failed", rollout.TargetETag));
            return 0;
        });
        // On PostgreSQL the report is weighed while the flush is held; SQLite's writes take turns in-process, so there it
        // waits for the flush.
        if (host.Provider == Provider.Postgres) await report.WaitAsync(TimeSpan.FromSeconds(30));
        release();
        await flush;
        await report;
        var after = await kit.With(r => r.GetAsync(rollout.Id));

        // One failing of the three that applied the target is within 40 %: the gate holds.
        Assert.Equal(RolloutStatus.Active, after.Status);
        Assert.Equal(3, after.Instances.Count(i => i.Document == RolloutDocument.Target));
    }

    [Fact]
    public async Task ASignal_RollsBack_AndARolledBackRequestIsRebasedBeforeItIsAppliedAgain()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync();

        var signalled = await kit.WithAs(ServiceHost.Admin(), r => r.SignalAsync(rollout.Id, new RolloutSignal("Error rate alert: checkout 5xx at 4 %")));
        await using var scope = host.Scope();
        var requests = host.Get<ChangeRequestService>(scope);
        var closed = await Assert.ThrowsAsync<ConflictException>(() => requests.ApplyAsync(kit.App, kit.RequestId, new ApplyInput()));
        await requests.RebaseAsync(kit.App, kit.RequestId);
        var applied = await requests.ApplyAsync(kit.App, kit.RequestId, new ApplyInput());

        Assert.Equal(RolloutStatus.RolledBack, signalled.Status);
        Assert.Contains("Error rate alert", signalled.Reason);
        Assert.Equal(ErrorCodes.RequestClosed, closed.Code);
        Assert.Equal(ChangeRequestStatus.Applied, applied.Status);
        Assert.Equal(Target, await kit.ReadAsync("anyone"));
    }

    [Fact]
    public async Task APausedRollout_DoesNotAdvance_AndItsPausedTimeDoesNotCountTowardsTheBake()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync();

        await kit.TickAsync(TimeSpan.FromSeconds(30));
        await kit.With(r => r.PauseAsync(rollout.Id));
        await kit.TickAsync(TimeSpan.FromMinutes(10));
        var paused = await kit.With(r => r.GetAsync(rollout.Id));
        await kit.With(r => r.ResumeAsync(rollout.Id));
        await kit.TickAsync(TimeSpan.FromSeconds(29));
        var resumed = await kit.With(r => r.GetAsync(rollout.Id));
        await kit.TickAsync(TimeSpan.FromSeconds(1));
        var advanced = await kit.With(r => r.GetAsync(rollout.Id));

        Assert.Equal((RolloutStatus.Paused, 0), (paused.Status, paused.Stage));
        Assert.Equal((RolloutStatus.Active, 0), (resumed.Status, resumed.Stage));
        Assert.Equal(1, advanced.Stage);
    }

    [Fact]
    public async Task OtherWritesToItsEnvironment_Are409RolloutInProgress_WhileOtherEnvironmentsTakeWrites()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync();
        await using var scope = host.Scope();
        var configs = host.Get<ConfigService>(scope);

        var refused = await Assert.ThrowsAsync<RolloutInProgressException>(() => configs.SetOverrideAsync(kit.KeyId, "production", "99", null));
        await configs.SetOverrideAsync(kit.KeyId, "staging", "21", null);
        await host.Get<ChangeRequestService>(scope).FileAsync(kit.App, new ChangeRequestInput("Later", null, [ChangeOperation.Set("Timeout", "production", "16")]));

        Assert.Equal(ErrorCodes.RolloutInProgress, refused.Code);
        Assert.Equal(Target, await kit.ReadAsync("canary-1"));
        Assert.Equal(RolloutStatus.Active, (await kit.With(r => r.GetAsync(rollout.Id))).Status);
    }

    [Fact]
    public async Task ARequestThatChangesTwoEnvironments_IsNotRolledOut()
    {
        var kit = await new RolloutTestKit(host).CreateAsync(ChangeOperation.Set("Timeout", "production", "15"), ChangeOperation.Set("Timeout", "staging", "25"));

        var refused = await Assert.ThrowsAsync<RolloutSingleEnvironmentException>(() => kit.StartAsync());

        Assert.Equal(["production", "staging"], refused.Environments.Order());
        Assert.Equal(ChangeRequestStatus.Approved, (await kit.RequestAsync()).Status);
    }

    [Fact]
    public async Task AfterARestart_TheRolloutIsServedAndClockedAsBefore()
    {
        var kit = await new RolloutTestKit(host).CreateAsync();
        var rollout = await kit.StartAsync();
        var (covered, outside) = RolloutTestKit.Instances(rollout.Id, 10);

        // A restarted node knows only the database: a new registry, read at start.
        var restarted = new RolloutRegistry(host.Services.GetRequiredService<IConfigAdminDbFactory>(), host.Services.GetRequiredService<ResolutionService>());
        await restarted.RefreshAsync();
        var resolution = host.Services.GetRequiredService<ResolutionService>();
        var (appId, @base) = await resolution.GetWithIdAsync(kit.App, "production", false, RolloutTestKit.Client);
        string Read(string instance) => System.Text.Encoding.UTF8.GetString(
            restarted.Serve(appId, "production", instance, null, false, RolloutTestKit.Client, @base).Body);

        Assert.Equal(Target, Read(covered[0]));
        Assert.Equal(Base, Read(outside[0]));
        await kit.TickAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, (await kit.With(r => r.GetAsync(rollout.Id))).Stage);
    }
}

public sealed class RolloutFlowTestsOnSqlite(SqliteClockedServiceHost host) : RolloutFlowTests(host), IClassFixture<SqliteClockedServiceHost>;

public sealed class RolloutFlowTestsOnPostgres(PostgresClockedServiceHost host) : RolloutFlowTests(host), IClassFixture<PostgresClockedServiceHost>;
