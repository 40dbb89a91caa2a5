using AngleSharp.Dom;
using Bunit;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Rollouts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Rollouts;

/// <summary>The rollout panel on the application page: the stage bar, the instances by document and health, the steps by role, live.</summary>
[Trait("Category", "Unit")]
public sealed class RolloutPanelTests : RolloutComponentTestBase
{
    private IRenderedComponent<TestHost> OpenTab(long? rollout = null)
    {
        Service<NavigationManager>().NavigateTo($"/applications/{App}?tab=rollouts" + (rollout is { } id ? $"&rollout={id}" : ""));
        return RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, App));
    }

    private static IElement Panel(IRenderedComponent<TestHost> host) => host.WaitForElement("[data-testid='rollout-panel']");

    [Fact]
    public async Task StageBar_ShowsTheCanaries_TheCurrentStageWithItsBakeLeft_AndTheStagesToCome()
    {
        await StartAsync(new RolloutInput(["canary-1"], [new(10, 300), new(50, 600), new(100)]));

        var host = OpenTab();

        Panel(host);
        var stages = host.FindAll("[data-testid='stage-bar'] > li");
        Assert.Equal(["Canaries", "10 %", "50 %", "100 %"], stages.Select(s => s.QuerySelector(".ca-stage-percent")!.TextContent.Trim()));
        var current = Assert.Single(stages, s => s.GetAttribute("aria-current") == "step");
        Assert.Equal("0", current.GetAttribute("data-stage"));
        // Five minutes of bake, a moment of it gone.
        Assert.Matches(@"^[45] min \d+ s left$", current.QuerySelector(".ca-stage-note")!.TextContent.Trim());
        Assert.Equal("10 min", stages[2].QuerySelector(".ca-stage-note")!.TextContent.Trim());
        Assert.Equal("completes", stages[3].QuerySelector(".ca-stage-note")!.TextContent.Trim());
        Assert.Contains("active", host.Find("[data-testid='rollout-status']").TextContent);
    }

    [Fact]
    public async Task Instances_AreGroupedByDocumentAndHealth_WithTheFailingReason_AndTheGateCounts()
    {
        var rollout = await StartAsync();
        var (_, outside) = InstancesOutside(rollout.Id);
        await ServeAsync(["canary-1", "canary-2", outside]);
        await ReportAsync("canary-1", InstanceHealth.Failing, "Options validation failed: Timeout", rollout.TargetETag);
        await ReportAsync("canary-2", InstanceHealth.Ok, null, rollout.TargetETag);

        var host = OpenTab();

        Panel(host);
        var failing = host.Find("section[data-document='target'][data-health='failing']");
        Assert.Contains("canary-1", failing.TextContent);
        Assert.Contains("Options validation failed: Timeout", failing.TextContent);
        Assert.Contains("canary-2", host.Find("section[data-document='target'][data-health='ok']").TextContent);
        Assert.Contains(outside, host.Find("section[data-document='base'][data-health='not reported']").TextContent);
        Assert.Equal("1 of 2 instances that applied the target report failing (50%); it rolls back above 50%.",
            host.Find("[data-testid='rollout-gate']").TextContent.Trim().Replace(" %", "%"));
    }

    [Fact]
    public async Task AViewer_SeesThePanelReadOnly()
    {
        await StartAsync();
        ActAs(Viewer);

        var host = OpenTab();

        Panel(host);
        Assert.Empty(host.FindAll("[data-testid='rollout-panel'] button"));
    }

    [Fact]
    public async Task AnEditor_Pauses_ThenResumes_AndTheCountdownStopsWhilePaused()
    {
        var rollout = await StartAsync();
        ActAs(Editor);
        var host = OpenTab();
        Panel(host);
        Assert.NotEmpty(host.FindAll("button[aria-label='Promote now']"));
        Assert.NotEmpty(host.FindAll("button[aria-label='Abort rollout']"));

        host.Find("button[aria-label='Pause rollout']").Click();

        host.WaitForAssertion(() => Assert.Contains("paused", host.Find("[data-testid='rollout-status']").TextContent));
        Assert.StartsWith("paused · ", host.Find("[data-testid='stage-bar'] [aria-current='step'] .ca-stage-note").TextContent.Trim());
        Assert.Equal(RolloutStatus.Paused, (await GetAsync(rollout.Id)).Status);
        host.Find("button[aria-label='Resume rollout']").Click();
        host.WaitForAssertion(() => Assert.Contains("active", host.Find("[data-testid='rollout-status']").TextContent));
        Assert.NotEmpty(host.FindAll("button[aria-label='Pause rollout']"));
    }

    [Fact]
    public async Task Abort_AsksFirst_ThenRollsBack_AndThePanelSaysWhy()
    {
        var rollout = await StartAsync();
        var host = OpenTab();
        Panel(host);

        host.Find("button[aria-label='Abort rollout']").Click();
        host.WaitForElement("button[aria-label='Cancel']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.Equal(RolloutStatus.Active, (await GetAsync(rollout.Id)).Status);
        host.Find("button[aria-label='Abort rollout']").Click();
        host.WaitForElement("button[aria-label='Abort']").Click();

        // An ended rollout leaves the running panels; it stays listed among the recent ones, and its link shows its panel.
        host.WaitForAssertion(() => Assert.Contains("rolled back: Aborted by admin@example.com.", host.Find("[data-testid='recent-rollouts']").TextContent));
        Assert.Equal(RolloutStatus.RolledBack, (await GetAsync(rollout.Id)).Status);
        Assert.Empty(host.FindAll("[data-testid='rollout-panel']"));
    }

    [Fact]
    public async Task ALinkToAnEndedRollout_ShowsItsPanel_WithWhyItRolledBack_AndNoSteps()
    {
        var rollout = await StartAsync();
        await AsAdmin(s => s.GetRequiredService<RolloutService>().SignalAsync(rollout.Id, new RolloutSignal("Error rate above 5 %")));

        var host = OpenTab(rollout.Id);

        Assert.Contains("Signal from system: Error rate above 5 %", host.WaitForElement("[data-testid='rollout-reason']").TextContent);
        Assert.Contains("rolled back", host.Find("[data-testid='rollout-status']").TextContent);
        Assert.All(host.FindAll("[data-testid='stage-bar'] > li[data-stage]"), s => Assert.DoesNotContain("ca-current", s.ClassName ?? ""));
        Assert.Empty(host.FindAll("[data-testid='rollout-panel'] button"));
        Assert.Empty(host.FindAll("[data-testid='recent-rollouts']"));
    }

    [Fact]
    public async Task PromoteNow_AsksFirst_ThenCompletes_AndTheRequestIsApplied()
    {
        var rollout = await StartAsync();
        var host = OpenTab(rollout.Id);
        Panel(host);

        host.Find("button[aria-label='Promote now']").Click();
        host.WaitForElement("button[aria-label='Promote']").Click();

        host.WaitForAssertion(() => Assert.Contains("completed", host.Find("[data-testid='rollout-status']").TextContent), TimeSpan.FromSeconds(10));
        Assert.All(host.FindAll("[data-testid='stage-bar'] > li"), s => Assert.Contains("ca-done", s.ClassName));
        var request = await AsAdmin(s => s.GetRequiredService<ChangeRequestService>().GetAsync(App, rollout.ChangeRequestId));
        Assert.Equal(ChangeRequestStatus.Applied, request.Status);
    }

    [Fact]
    public async Task AnOpenPanel_FollowsAPauseMadeElsewhere()
    {
        var rollout = await StartAsync();
        var host = OpenTab();
        Panel(host);

        await AsAdmin(s => s.GetRequiredService<RolloutService>().PauseAsync(rollout.Id));

        host.WaitForAssertion(() => Assert.Contains("paused", host.Find("[data-testid='rollout-status']").TextContent));
        Assert.Contains(host.FindAll("[data-testid='rollout-events'] li"), li => li.TextContent.Contains("Paused by"));
    }

    [Fact]
    public async Task WithoutRollouts_TheTabSaysHowToStartOne()
    {
        await FileAsync();

        var host = OpenTab();

        Assert.Contains("Apply gradually", host.WaitForElement("[data-testid='no-rollouts']").TextContent);
    }

    private Task<RolloutDto> GetAsync(long id) => AsAdmin(s => s.GetRequiredService<RolloutService>().GetAsync(id));

    /// <summary>An instance the first stage (10 %) does not cover.</summary>
    private static (string, string) InstancesOutside(long rollout)
    {
        for (var i = 0; ; i++)
        {
            if (!Cohort.Covers(rollout, $"web-{i}", 10, [])) return ("", $"web-{i}");
        }
    }
}
