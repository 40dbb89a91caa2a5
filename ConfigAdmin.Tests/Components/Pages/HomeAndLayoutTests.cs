using Bunit;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Layout;
using ConfigAdmin.Web.Components.Pages;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Components")]
public sealed class HomeAndLayoutTests : ComponentTestBase
{
    [Fact]
    public async Task Home_WithData_ShowsCountsAndRecentChanges()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A");

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Applications: 1']")));
        Assert.NotNull(cut.Find("[aria-label='Keys: 1']"));
        Assert.NotNull(cut.Find("[aria-label='Environments: 3']"));
        Assert.Contains("/applications/shop", cut.Markup);
    }

    [Fact]
    public void Layout_DarkModeToggle_RemembersTheChoiceInTheBrowser()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        cut.Find("button[aria-label='Switch to dark mode']").Click();

        Assert.True((bool)JSInterop.VerifyInvoke("configAdmin.setDarkMode").Arguments[0]!);
        Assert.NotNull(cut.Find("button[aria-label='Switch to light mode']"));
    }

    [Fact]
    public void Layout_UnexpectedError_ShowsTheErrorPanelWithATraceIdAndKeepsNavigation()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<Thrower>(0);
            b.CloseComponent();
        })));

        cut.Find("button[aria-label='Fail']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Markup));
        Assert.Matches("report the trace id <code>[0-9a-f]{32}</code>", cut.Markup);
        Assert.NotNull(cut.Find("a[href='/environments']"));
    }
}
