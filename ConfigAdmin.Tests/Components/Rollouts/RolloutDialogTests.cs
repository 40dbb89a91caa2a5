using AngleSharp.Dom;
using Bunit;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Rollouts;

/// <summary>"Apply gradually" on a change request's page: the dialog checks as the server does, and the server's word shows in it.</summary>
[Trait("Category", "Unit")]
public sealed class RolloutDialogTests : RolloutComponentTestBase
{
    private async Task<IRenderedComponent<TestHost>> OpenDialogAsync(ChangeRequestDto request)
    {
        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, App).Add(c => c.Id, request.Id));
        host.WaitForElement("button[aria-label='Apply gradually']").Click();
        host.WaitForElement("[data-testid='stages']");
        return host;
    }

    private static IElement Start(IRenderedComponent<TestHost> host) => host.Find("button[aria-label='Start rollout']");

    [Fact]
    public async Task Dialog_OffersTheDefaultStages_AndTheInstancesSeenLately_AsCanaries()
    {
        var request = await FileAsync();
        await SeeAsync("web-7");

        var host = await OpenDialogAsync(request);

        Assert.Equal(["10", "50", "100"], host.FindAll("input[aria-label^='Percent of stage']").Select(i => i.GetAttribute("value")));
        Assert.Equal(["5", "10"], host.FindAll("input[aria-label^='Bake minutes of stage']").Select(i => i.GetAttribute("value")));
        Assert.Contains("10", host.Find("input[aria-label='Roll back above this share failing']").GetAttribute("value"));
        host.Find("[aria-label='Make web-7 a canary']").Click();
        host.WaitForAssertion(() => Assert.Contains("web-7", host.Find("[data-testid='canaries']").TextContent));
        Assert.Empty(host.FindAll("[aria-label='Make web-7 a canary']"));
        Assert.False(Start(host).HasAttribute("disabled"));
    }

    [Fact]
    public async Task PercentsThatDoNotRise_AndALastStageBelow100_AreRefusedAsTheServerWould_AndStartIsDisabled()
    {
        var request = await FileAsync();
        var host = await OpenDialogAsync(request);

        host.Find("input[aria-label='Percent of stage 2']").Input("5");
        host.WaitForAssertion(() => Assert.Equal("Each stage's percent is above the one before.", host.Find("[data-testid='stages-error']").TextContent.Trim()));
        Assert.True(Start(host).HasAttribute("disabled"));

        host.Find("input[aria-label='Percent of stage 2']").Input("50");
        host.Find("input[aria-label='Percent of stage 3']").Input("90");
        host.WaitForAssertion(() => Assert.Contains("The last stage is { \"percent\": 100 }", host.Find("[data-testid='stages-error']").TextContent));
        Assert.True(Start(host).HasAttribute("disabled"));
        Assert.Equal(Core.Reviews.ChangeRequestStatus.Approved, (await RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task ABakeLongerThanAWeek_IsRefusedInTheFormsUnits()
    {
        var request = await FileAsync();
        var host = await OpenDialogAsync(request);

        host.Find("input[aria-label='Bake minutes of stage 1']").Input("20000");

        host.WaitForAssertion(() => Assert.Contains("Bake between 0 and 10080 minutes (a week).", host.Markup));
        Assert.True(Start(host).HasAttribute("disabled"));
        host.Find("input[aria-label='Bake minutes of stage 1']").Input("10080");
        host.WaitForAssertion(() => Assert.False(Start(host).HasAttribute("disabled")));
    }

    [Fact]
    public async Task Starting_RollsTheRequestOut_AndItsPageShowsTheRolloutWithALinkToThePanel()
    {
        var request = await FileAsync();
        var host = await OpenDialogAsync(request);
        host.Find("input[aria-label='Canary instance id']").Input("canary-9");
        host.Find("button[aria-label='Add canary']").Click();
        host.WaitForAssertion(() => Assert.Contains("canary-9", host.Find("[data-testid='canaries']").TextContent));

        Start(host).Click();

        var alert = host.WaitForElement("[data-testid='request-rollout']", TimeSpan.FromSeconds(10));
        host.WaitForAssertion(() => Assert.Contains("Rolling out to production", host.Find("[data-testid='request-rollout']").TextContent));
        Assert.Contains("stage 1 of 3, 10 %", alert.TextContent);
        var rollout = (await RequestAsync(request.Id)).Rollout!;
        Assert.Equal($"/applications/shop?tab=rollouts&rollout={rollout.Id}", host.Find("[data-testid='request-rollout'] a").GetAttribute("href"));
        var started = await AsAdmin(s => s.GetRequiredService<RolloutService>().GetAsync(rollout.Id));
        Assert.Equal(["canary-9"], started.Canary);
        Assert.Equal([new RolloutStage(10, 300), new RolloutStage(50, 600), new RolloutStage(100)], started.Stages);
        // While it runs, neither apply is offered again.
        Assert.Empty(host.FindAll("button[aria-label='Apply change request']"));
        Assert.Empty(host.FindAll("button[aria-label='Apply gradually']"));
    }

    [Fact]
    public async Task TheServersRefusal_ShowsInTheDialog_WhichStaysOpen()
    {
        var request = await FileAsync();
        var host = await OpenDialogAsync(request);
        // Meanwhile someone rolls out another request to production: this one's rollout would be a second.
        await StartAsync();

        Start(host).Click();

        host.WaitForAssertion(() => Assert.Contains("is running in production", host.Find("[data-testid='rollout-error']").TextContent),
            TimeSpan.FromSeconds(10));
        Assert.NotEmpty(host.FindAll("[data-testid='stages']"));
        Assert.Null((await RequestAsync(request.Id)).Rollout);
    }

    [Fact]
    public async Task ARequestThatChangesTwoEnvironments_SaysWhyItIsNotRolledOut()
    {
        var request = await FileAsync(ChangeOperation.Set("Timeout", "production", "15"), ChangeOperation.Set("Timeout", "staging", "25"));

        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, App).Add(c => c.Id, request.Id));

        var why = host.WaitForElement("[data-testid='no-rollout-why']");
        Assert.Contains("a rollout changes one environment's document", why.TextContent);
        Assert.Contains("production", why.TextContent);
        Assert.Contains("staging", why.TextContent);
        Assert.True(host.Find("button[aria-label='Apply gradually']").HasAttribute("disabled"));
        Assert.False(host.Find("button[aria-label='Apply change request']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AViewer_IsOfferedNeitherApply()
    {
        var request = await FileAsync();
        ActAs(Viewer);

        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, App).Add(c => c.Id, request.Id));

        host.WaitForElement("[data-testid='review-actions']");
        Assert.Empty(host.FindAll("button[aria-label='Apply gradually']"));
        Assert.Empty(host.FindAll("button[aria-label='Apply change request']"));
    }

    private Task<ChangeRequestDto> RequestAsync(long id) => AsAdmin(s => s.GetRequiredService<ChangeRequestService>().GetAsync(App, id));
}
