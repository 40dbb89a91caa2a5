using Bunit;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Rollouts;

/// <summary>The dashboard's running rollouts: each links to its panel, and the list follows them live.</summary>
[Trait("Category", "Unit")]
public sealed class ActiveRolloutsTests : RolloutComponentTestBase
{
    [Fact]
    public async Task Dashboard_ListsARunningRollout_LinkingToItsPanel_AndDropsItOnceItCompletesElsewhere()
    {
        var rollout = await StartAsync();

        var host = RenderHosted<Home>();

        var card = host.WaitForElement("[data-testid='active-rollouts']");
        var link = card.QuerySelector("a")!;
        Assert.Equal("shop → production", link.TextContent.Trim());
        Assert.Equal($"/applications/shop?tab=rollouts&rollout={rollout.Id}", link.GetAttribute("href"));
        Assert.Contains("stage 1 of 2, 10 % + canaries", card.TextContent);

        await AsAdmin(s => s.GetRequiredService<RolloutService>().PromoteAsync(rollout.Id));

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid='active-rollouts']")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Dashboard_ShowsARolloutStartedElsewhere_Paused_AndItsFailingInstances()
    {
        await FileAsync();
        var host = RenderHosted<Home>();
        host.WaitForElement("[data-testid='awaiting-review']");
        Assert.Empty(host.FindAll("[data-testid='active-rollouts']"));

        var rollout = await StartAsync();
        await ServeAsync("canary-1", "canary-2");
        await ReportAsync("canary-1", InstanceHealth.Failing, "bind failed", rollout.TargetETag);
        await AsAdmin(s => s.GetRequiredService<RolloutService>().PauseAsync(rollout.Id));

        host.WaitForAssertion(() =>
        {
            var card = host.Find("[data-testid='active-rollouts']");
            Assert.Contains("paused", card.TextContent);
            Assert.Contains("1 of 2 failing", card.TextContent);
        });
    }

    [Fact]
    public async Task AViewerOfAnotherApplication_DoesNotSeeIt()
    {
        await StartAsync();
        await Data.AppAsync("other");
        var other = (await Service<Core.Applications.ApplicationService>().IdOfAsync("other"))!.Value;
        ActAs(new Core.Access.Caller(Core.Access.CallerKind.User, "v@example.com", [new Core.Access.Grant(Core.Access.Role.Viewer, [other])]));

        var host = RenderHosted<Home>();

        host.WaitForElement("[data-testid='recent-changes']");
        Assert.Empty(host.FindAll("[data-testid='active-rollouts']"));
    }
}
