using Bunit;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ApplicationPageTests : ComponentTestBase
{
    [Theory]
    [InlineData(null, "Configs")]
    [InlineData("history", "History")]
    [InlineData("changes", "Changes")]
    [InlineData("clients", "Clients")]
    [InlineData("nonsense", "Configs")]
    public async Task Tabs_AreAriaTabs_WithTheOneInTheUrlSelected_AndItsPanelLabelledByIt(string? tab, string selected)
    {
        await Data.AppAsync();
        Service<NavigationManager>().NavigateTo(tab is null ? "/applications/shop" : $"/applications/shop?tab={tab}");

        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));

        var tabs = host.WaitForElements("section[aria-label='Application sections'] [role=tablist] [role=tab]");
        Assert.Equal(["Configs", "Resolved", "History", "Clients", "Changes"], tabs.Select(t => t.TextContent.Trim()));
        var active = Assert.Single(tabs, t => t.GetAttribute("aria-selected") == "true");
        Assert.Equal(selected, active.TextContent.Trim());
        Assert.Equal(["0"], tabs.Where(t => t == active).Select(t => t.GetAttribute("tabindex")));
        Assert.All(tabs.Where(t => t != active), t => Assert.Equal("-1", t.GetAttribute("tabindex")));
        var panel = host.Find("[role=tabpanel]");
        Assert.Equal(active.Id, panel.GetAttribute("aria-labelledby"));
        // Each tab controls its own panel; only the open one's is rendered.
        Assert.Equal(panel.Id, active.GetAttribute("aria-controls"));
        Assert.All(tabs, t => Assert.False(string.IsNullOrEmpty(t.GetAttribute("aria-controls"))));
    }

    [Fact]
    public async Task Delete_ClickedTwiceAndWhileDeleting_AsksOnceShowsProgressAndLeavesForTheList()
    {
        await Data.AppAsync();
        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));
        var delete = host.WaitForElement("button[aria-label='Delete application']");

        delete.Click();
        delete.Click();
        Assert.Single(host.WaitForElements("button[aria-label='Delete']"));
        host.Find("input[aria-label='Application name to confirm']").Input("shop");
        Gate.Close();
        host.Find("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() =>
        {
            var confirm = host.Find("button[aria-label='Delete']");
            Assert.True(confirm.HasAttribute("disabled"));
            Assert.Contains("Deleting", confirm.TextContent);
            Assert.Equal("true", host.Find("button[aria-label='Delete application']").GetAttribute("aria-busy"));
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.EndsWith("/applications", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal(0, await Service<ApplicationService>().CountAsync());
    }

    [Fact]
    public async Task Delete_SaysWhatGoesAndIsEnabledOnlyByTypingTheName()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A", overrides: new() { ["staging"] = "x", ["production"] = "y" });
        await Data.KeyAsync("shop", "B");
        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));

        host.WaitForElement("button[aria-label='Delete application']").Click();

        var name = host.WaitForElement("input[aria-label='Application name to confirm']");
        var dialog = host.Find(".mud-dialog").TextContent;
        Assert.Contains("with its 2 keys and 2 overrides", dialog);
        Assert.Contains("Clients reading it get 404 at once", dialog);
        Assert.True(host.Find("button[aria-label='Delete']").HasAttribute("disabled"));
        name.Input("Shop");
        Assert.True(host.Find("button[aria-label='Delete']").HasAttribute("disabled"));
        host.Find("input[aria-label='Application name to confirm']").Input("shop");
        host.WaitForAssertion(() => Assert.False(host.Find("button[aria-label='Delete']").HasAttribute("disabled")));
        host.Find("button[aria-label='Delete']").Click();
        host.WaitForAssertion(() => Assert.EndsWith("/applications", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal(0, await Service<ApplicationService>().CountAsync());
    }

    [Fact]
    public async Task Delete_SubmittedFromTheNameField_DeletesOnlyOnceTheNameIsRight()
    {
        // Enter in the name field submits the dialog's form: a wrong name does nothing, the right one deletes.
        await Data.AppAsync();
        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));
        host.WaitForElement("button[aria-label='Delete application']").Click();

        host.WaitForElement("input[aria-label='Application name to confirm']").Input("shop-typo");
        host.Find("form.ca-dialog-form").Submit();
        Assert.NotNull(host.Find("input[aria-label='Application name to confirm']"));
        Assert.Equal(1, await Service<ApplicationService>().CountAsync());

        host.Find("input[aria-label='Application name to confirm']").Input("shop");
        host.Find("form.ca-dialog-form").Submit();
        host.WaitForAssertion(() => Assert.EndsWith("/applications", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal(0, await Service<ApplicationService>().CountAsync());
    }

    [Fact]
    public async Task Header_OneKey_SaysKeyInTheSingular()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A");

        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));

        host.WaitForAssertion(() => Assert.Contains("· 1 key ·", host.Find("p.mud-typography-body2").TextContent));
    }
}
