using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// The page as the server first paints it, before the circuit starts (bug 7 of the UX pass): the Blazor script is
/// held back, so what the browser shows is only what prerendering sent.
/// </summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class FirstPaintTests(AppHostFixture app) : BrowserTestBase(app)
{
    private const string DarkBackground = "rgb(50, 51, 61)";
    private const string LightBackground = "rgb(255, 255, 255)";

    [Theory]
    [InlineData(true, DarkBackground)]
    [InlineData(false, LightBackground)]
    public async Task ChosenTheme_IsThereOnTheFirstPaint(bool dark, string background)
    {
        var page = await PrerenderedOnlyPageAsync(dark);

        await page.GotoAsync("applications");

        Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Applications", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DarkChoice_SurvivesTheCircuitStarting()
    {
        var page = await NewPageAsync();
        await page.Context.AddCookiesAsync([new() { Name = "configadmin.dark", Value = "true", Url = App.BaseAddress.ToString() }]);

        await page.GotoAsync("applications");

        await Expect(ThemeToggle(page, dark: true)).ToBeEnabledAsync();
        Assert.Equal(DarkBackground, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [Theory]
    [InlineData("applications", "No applications match")]
    [InlineData("environments", "No environments yet")]
    [InlineData("audit", "No changes match")]
    public async Task PageStillLoading_ShowsProgressNotAnEmptyState(string path, string? emptyText)
    {
        var page = await PrerenderedOnlyPageAsync(dark: false);

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Progressbar).First).ToBeVisibleAsync();
        if (emptyText is not null) await Expect(page.GetByText(emptyText)).ToHaveCountAsync(0);
    }

    /// <summary>A signed-in page whose Blazor script never loads: it keeps the prerendered first paint.</summary>
    private async Task<IPage> PrerenderedOnlyPageAsync(bool dark)
    {
        var page = await NewPageAsync();
        if (dark) await page.Context.AddCookiesAsync([new() { Name = "configadmin.dark", Value = "true", Url = App.BaseAddress.ToString() }]);
        await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());
        return page;
    }
}
