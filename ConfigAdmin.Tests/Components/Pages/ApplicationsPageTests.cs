using Bunit;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ApplicationsPageTests : ComponentTestBase
{
    [Fact]
    public async Task Render_WithApplications_ListsThemFromTheDatabase()
    {
        await Data.AppAsync("billing");
        await Data.AppAsync("catalog");

        var host = RenderHosted<ApplicationsPage>();

        host.WaitForAssertion(() =>
        {
            Assert.Contains("billing", host.Markup);
            Assert.Contains("catalog", host.Markup);
        });
        Assert.NotNull(host.Find("a[href='/applications/billing']"));
    }

    [Fact]
    public async Task Search_MatchingOneOwner_ShowsOnlyThatApplication()
    {
        await Data.AppAsync("billing", owner: "Money team");
        await Data.AppAsync("catalog", owner: "Shelf team");
        var host = RenderHosted<ApplicationsPage>();
        host.WaitForAssertion(() => Assert.Contains("catalog", host.Markup));

        host.Find("input[aria-label='Search applications']").Input("money");

        host.WaitForAssertion(() =>
        {
            Assert.Contains("billing", host.Markup);
            Assert.DoesNotContain("/applications/catalog", host.Markup);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CreateDialog_WithInvalidFields_ShowsTheValidatorsMessagesInline()
    {
        var host = RenderHosted<ApplicationsPage>();
        host.Find("button[aria-label='New application']").Click();
        host.WaitForElement("input[aria-label='Name']");

        host.Find("input[aria-label='Name']").Input("-bad name");
        host.Find("input[aria-label='Contact email']").Input("not-an-email");
        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Contains("must be 1-100 letters, digits", host.Markup);
            Assert.Contains("Contact e-mail must be an address such as team@example.com.", host.Markup);
            Assert.Contains("Owner is required.", host.Markup);
        });
    }

    [Fact]
    public void CreateDialog_RequiredFieldsEmpty_SaysSoInPlainWords()
    {
        var host = RenderHosted<ApplicationsPage>();
        host.WaitForElement("button[aria-label='New application']").Click();
        host.WaitForElement("input[aria-label='Name']");

        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Contains("Name is required.", host.Markup);
            Assert.Contains("Owner is required.", host.Markup);
            Assert.Contains("Contact e-mail is required.", host.Markup);
        });
        Assert.DoesNotContain("must not be empty", host.Markup);
    }

    [Fact]
    public async Task CreateDialog_WithValidFields_CreatesAndNavigatesToTheApplication()
    {
        var host = RenderHosted<ApplicationsPage>();
        host.Find("button[aria-label='New application']").Click();
        host.WaitForElement("input[aria-label='Name']");

        host.Find("input[aria-label='Name']").Input("orders");
        host.Find("input[aria-label='Owner']").Input("Orders team");
        host.Find("input[aria-label='Contact email']").Input("orders@example.com");
        host.Find("button[aria-label='Create']").Click();

        var navigation = Service<NavigationManager>();
        host.WaitForAssertion(() => Assert.EndsWith("/applications/orders", navigation.Uri));
        var stored = await Service<ApplicationService>().GetAsync("orders");
        Assert.Equal("Orders team", stored.Owner);
    }
}
