using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ComparePageTests : ComponentTestBase
{
    [Fact]
    public async Task Compare_EnvironmentsFromTheQueryString_EachKeyWithItsStatus_SecretsMasked()
    {
        await SeedAsync();
        var host = Open("staging", "production");

        host.WaitForAssertion(() => Assert.Equal(5, host.FindAll("tbody tr[data-key]").Count));
        Assert.Equal(
            [("Differs", "differs"), ("OnlyStaging", "onlyFrom"), ("Same", "same"), ("Secret", "differs"), ("Timeout", "onlyTo")],
            host.FindAll("tbody tr[data-key]").Select(r => (r.GetAttribute("data-key")!, r.GetAttribute("data-status")!)));
        Assert.Contains("only in staging", host.Find("tr[data-key='OnlyStaging']").TextContent);
        Assert.Contains("***", host.Find("tr[data-key='Secret']").TextContent);
        Assert.DoesNotContain("stage-secret", host.Markup);
        Assert.Contains("5 keys: 1 same, 2 differ, 1 only in staging, 1 only in production.", host.Find("[data-testid='compare-summary']").TextContent);
        // Nothing to promote where staging has no value or the same one.
        Assert.Empty(host.FindAll("tr[data-key='Same'] input[type=checkbox]"));
        Assert.Empty(host.FindAll("tr[data-key='Timeout'] input[type=checkbox]"));
    }

    [Fact]
    public async Task Promote_TwoCheckedKeys_PreviewsThenWritesTheirStagingValuesIntoProduction()
    {
        await SeedAsync();
        var host = Open("staging", "production");
        host.WaitForElement("tr[data-key='Differs'] input[type=checkbox]").Change(true);
        host.Find("tr[data-key='OnlyStaging'] input[type=checkbox]").Change(true);

        host.FindAll("button").Single(b => b.TextContent.Trim() == "Promote 2 keys from staging to production").Click();
        host.WaitForAssertion(() => Assert.Equal("2 changed", host.Find(".mud-dialog [data-testid='changeset-summary']").TextContent));
        Assert.Equal(["Value in production", "p", "s"],
            host.Find(".mud-dialog li[data-key='Differs'] tr[data-field='overrides.production']").Children.Select(c => c.TextContent.Trim()));
        host.Find(".mud-dialog button[aria-label='Promote']").Click();

        host.WaitForAssertion(() => Assert.Contains("Promoted 2 keys from staging to production.", host.Markup));
        var keys = (await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items.ToDictionary(k => k.Key);
        Assert.Equal("s", keys["Differs"].Overrides["production"]);
        Assert.Equal("only", keys["OnlyStaging"].Overrides["production"]);
        host.WaitForAssertion(() => Assert.Equal("same", host.Find("tr[data-key='Differs']").GetAttribute("data-status")));
    }

    [Fact]
    public async Task Swap_PutsTheOtherOrderIntoTheQueryString()
    {
        await SeedAsync();
        var host = Open("staging", "production");
        host.WaitForElement("tr[data-key='Same']");

        host.Find("button[aria-label='Swap environments']").Click();

        host.WaitForAssertion(() => Assert.EndsWith("/applications/shop/compare?from=production&to=staging", Service<NavigationManager>().Uri));
        host.WaitForAssertion(() => Assert.Equal("onlyTo", host.Find("tr[data-key='OnlyStaging']").GetAttribute("data-status")));
    }

    [Fact]
    public async Task Viewer_ComparesButIsOfferedNoPromotion()
    {
        await SeedAsync();
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));
        var host = Open("staging", "production");

        host.WaitForElement("tr[data-key='Differs']");
        Assert.Empty(host.FindAll("table input[type=checkbox]"));
        Assert.DoesNotContain(host.FindAll("button"), b => b.TextContent.Contains("Promote"));
    }

    [Fact]
    public async Task ManyKeys_TheFirstRowsThenMoreOnDemand_TheSummaryCountsThemAll()
    {
        await Data.AppAsync();
        await Data.ManyKeysAsync("shop", MoreRows.Step + 50);
        var host = Open("staging", "production");

        host.WaitForAssertion(() => Assert.Equal(MoreRows.Step, host.FindAll("tbody tr[data-key]").Count));
        Assert.Contains($"{MoreRows.Step + 50} keys", host.Find("[data-testid='compare-summary']").TextContent);
        host.Find("[data-testid='more-rows']").Click();

        Assert.Equal(MoreRows.Step + 50, host.FindAll("tbody tr[data-key]").Count);
        Assert.Empty(host.FindAll("[data-testid='more-rows']"));
    }

    [Fact]
    public async Task Prerendered_ShowsLoading_TheComparisonComesOnlyWithTheCircuit()
    {
        await SeedAsync();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var host = Open("staging", "production");

        Assert.NotNull(host.Find("[aria-label='Loading the comparison']"));
        Assert.Empty(host.FindAll("tbody tr[data-key]"));
    }

    private IRenderedComponent<TestHost> Open(string from, string to)
    {
        Service<NavigationManager>().NavigateTo($"/applications/shop/compare?from={from}&to={to}");
        return RenderHosted<ComparePage>(p => p.Add(c => c.Name, "shop"));
    }

    private async Task SeedAsync()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Same", value: "x");
        await Data.KeyAsync("shop", "Differs", value: "d", overrides: new() { ["staging"] = "s", ["production"] = "p" });
        await Data.KeyAsync("shop", "OnlyStaging", value: null, overrides: new() { ["staging"] = "only" });
        await Data.KeyAsync("shop", "Timeout", ConfigValueType.Integer, null, overrides: new() { ["production"] = "30" });
        await Data.KeyAsync("shop", "Secret", value: "base", secret: true, overrides: new() { ["staging"] = "stage-secret" });
    }
}
