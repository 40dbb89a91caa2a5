using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>Comparing the environments with one of them (?vs=) and searching the keys (?q=): both live in the URL.</summary>
[Trait("Category", "Unit")]
public sealed class CompareAndSearchTests : KeysGridTestBase
{
    [Fact]
    public async Task CompareWithProduction_MarksTheValuesThatResolveDifferently_InTheUrlAndInWords()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5",
            overrides: new() { ["production"] = "60", ["staging"] = "60" });
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false", overrides: new() { ["development"] = "true" });
        await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod" });
        var host = RenderTab();
        Assert.Empty(host.FindAll(".ca-vs-diff"));

        host.Find("button[aria-label='Compare with production']").Click();

        var navigation = Service<NavigationManager>();
        host.WaitForAssertion(() => Assert.EndsWith("?vs=production", navigation.Uri));
        host.WaitForAssertion(() => Assert.Equal("true", host.Find("button[aria-label='Compare with production']").GetAttribute("aria-pressed")));
        Assert.Contains("ca-vs-base", host.Find("th:has(button[aria-label='Compare with production'])").ClassName);
        Row(host, "Cache:Minutes", "production", r => Assert.Contains("ca-vs-base", r.ClassName));
        // Staging resolves to 60 like production; development inherits 5.
        Row(host, "Cache:Minutes", "staging", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));
        Row(host, "Cache:Minutes", "development", r =>
        {
            Assert.Contains("ca-vs-diff", r.ClassName);
            Assert.Contains("Differs from production", r.TextContent);
        });
        Row(host, "Feature:Beta", "development", r => Assert.Contains("ca-vs-diff", r.ClassName));
        Row(host, "Feature:Beta", "staging", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));
        // Secrets are held masked in the grid: not compared, so not marked either way.
        Row(host, "Db:Password", "development", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));

        host.Find("button[aria-label='Compare with production']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".ca-vs-diff")));
        Assert.DoesNotContain("vs=", navigation.Uri);
    }

    [Fact]
    public async Task CompareWith_AnEnvironmentNotInTheGrid_MarksNothing()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });
        Service<NavigationManager>().NavigateTo("/applications/shop?vs=nowhere");

        var host = RenderTab();

        Assert.Empty(host.FindAll(".ca-vs-diff, .ca-vs-base"));
        Assert.All(host.FindAll("button[aria-label^='Compare with']"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Search_TypedIntoTheBox_ShowsTheKeysWhoseNameOrDescriptionMatch_AndTheUrlKeepsIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", description: "How long DB results stay");
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false");
        var host = RenderTab();
        var navigation = Service<NavigationManager>();

        host.Find("input[aria-label='Filter keys']").Input("db");

        host.WaitForAssertion(() => Assert.Equal(["Cache:Minutes", "Db:Host"], Keys(host)));
        host.WaitForAssertion(() => Assert.EndsWith("/?q=db", navigation.Uri));
        host.Find("input[aria-label='Filter keys']").Input(" ");
        host.WaitForAssertion(() => Assert.Equal(["Cache:Minutes", "Db:Host", "Feature:Beta"], Keys(host)));
        host.WaitForAssertion(() => Assert.DoesNotContain("q=", navigation.Uri));
    }

    [Fact]
    public async Task Search_ItsOwnEarlierAddressComingBackLate_DoesNotReplaceWhatWasTypedSince()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false", description: "Shows the beta banner");
        var host = RenderTab();
        var navigation = Service<NavigationManager>();
        // A busy server: the browser's answers to the tab's navigations are held, then come back in a chosen order.
        var held = new List<string>();
        var holding = navigation.RegisterLocationChangingHandler(context =>
        {
            held.Add(context.TargetLocation);
            context.PreventNavigation();
            return ValueTask.CompletedTask;
        });
        var box = () => host.Find("input[aria-label='Filter keys']");

        // Found and typed into in one go on the renderer: a search's render between the two would swap the box's handler.
        await host.InvokeAsync(() => box().Input("b"));
        host.WaitForAssertion(() => Assert.Single(held));
        await host.InvokeAsync(() => box().Input("banner"));
        host.WaitForAssertion(() => Assert.Equal(2, held.Count));
        Assert.EndsWith("q=b", held[0]);
        Assert.EndsWith("q=banner", held[1]);
        holding.Dispose();

        await host.InvokeAsync(() => navigation.NavigateTo(held[0], replace: true));
        Assert.Equal("banner", box().GetAttribute("value"));
        host.WaitForAssertion(() => Assert.Equal(["Feature:Beta"], Keys(host)));
        await host.InvokeAsync(() => navigation.NavigateTo(held[1], replace: true));
        Assert.Equal("banner", box().GetAttribute("value"));
        Assert.Equal(["Feature:Beta"], Keys(host));

        // Someone else's address (Back, a link) still replaces the search.
        await host.InvokeAsync(() => navigation.NavigateTo("/applications/shop?q=host"));
        host.WaitForAssertion(() => Assert.Equal(["Db:Host"], Keys(host)));
        Assert.Equal("host", box().GetAttribute("value"));
    }

    [Fact]
    public async Task Search_InTheUrl_AsAHitOfTheGlobalSearchLinksIt_ShowsThatKey_AndBackShowsAll()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false");
        var navigation = Service<NavigationManager>();
        navigation.NavigateTo("/applications/shop?tab=configs&q=Db%3AHost");

        var host = RenderTab();

        Assert.Equal(["Db:Host"], Keys(host));
        Assert.Equal("Db:Host", host.Find("input[aria-label='Filter keys']").GetAttribute("value"));
        navigation.NavigateTo("/applications/shop?tab=configs");
        host.WaitForAssertion(() => Assert.Equal(["Db:Host", "Feature:Beta"], Keys(host)));
        Assert.Null(host.Find("input[aria-label='Filter keys']").GetAttribute("value"));
    }

    [Fact]
    public async Task Search_AHandMadeUrlWithAControlCharacter_SaysWhyAndShowsNoKeys()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        Service<NavigationManager>().NavigateTo("/applications/shop?q=a%00b");

        var host = RenderHosted<ConfigsTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(new PageAccess(Role.Admin, IsGlobalAdmin: true)));

        host.WaitForAssertion(() => Assert.Contains("No keys match.", host.Markup));
        Assert.Empty(Keys(host));
        Assert.NotEmpty(host.FindAll(".mud-snackbar"));
    }
}
