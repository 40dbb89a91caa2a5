using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Layout;
using ConfigAdmin.Web.Components.Pages.Search;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class SearchPageTests : ComponentTestBase
{
    [Fact]
    public async Task Results_LinkToTheKeyAndShowWhereItMatched_ButNeverASecretValue()
    {
        await Data.AppAsync("billing");
        await Data.KeyAsync("billing", "Payments:Timeout", ConfigValueType.Integer, "30", overrides: new() { ["production"] = "90" });
        await Data.KeyAsync("billing", "Payments:TimeoutToken", value: "timeout-secret-value", secret: true);
        Service<NavigationManager>().NavigateTo("/search?q=timeout");

        var cut = RenderHosted<SearchPage>();

        var rows = cut.WaitForElements("tbody tr", 2);
        var link = cut.Find("a[href='/applications/billing?tab=configs&q=Payments%3ATimeout']");
        Assert.Equal("Payments:Timeout", link.TextContent);
        Assert.Contains("key", rows[0].TextContent);
        Assert.Contains("secret", rows[1].TextContent);
        Assert.DoesNotContain("timeout-secret-value", cut.Markup);
    }

    [Fact]
    public async Task NoMatch_SaysSo()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A", value: "x");
        Service<NavigationManager>().NavigateTo("/search?q=nothing-like-this");

        var cut = RenderHosted<SearchPage>();

        cut.WaitForAssertion(() => Assert.Contains("No key matches 'nothing-like-this'.", cut.Markup));
    }

    [Fact]
    public void WithoutAQuery_ExplainsWhatIsSearched()
    {
        var cut = RenderHosted<SearchPage>();

        Assert.Contains("are never searched.", cut.Markup);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void TopBarSearch_Enter_OpensTheSearchPageWithTheText()
    {
        var cut = Render<TopSearch>();

        cut.Find("input[aria-label='Search keys']").Input("Db:Host");
        cut.Find("form").Submit();

        Assert.EndsWith("/search?q=Db%3AHost", Service<NavigationManager>().Uri);
    }
}
