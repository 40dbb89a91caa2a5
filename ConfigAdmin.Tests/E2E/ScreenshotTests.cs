using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Web.Startup;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2EPagesCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ScreenshotTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task DashboardApplicationAndAudit_InLightAndDark_AreSavedForTheDocs()
    {
        if (await App.WithServiceAsync<ApplicationService, bool>(async a => (await a.ListAsync(new(Search: "checkout-api"))).TotalCount == 0))
            await App.WithServicesAsync(s => DemoData.SeedAsync(s, CancellationToken.None));
        var folder = ScreenshotsFolder;
        var page = await NewPageAsync();

        foreach (var theme in new[] { "light", "dark" })
        {
            await page.GotoAsync("");
            var toggle = ThemeToggle(page, dark: theme != "dark");
            if (await toggle.CountAsync() > 0 && theme == "dark") await toggle.ClickAsync();
            await Expect(ThemeToggle(page, dark: theme == "dark")).ToBeEnabledAsync();
            await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, $"dashboard-{theme}.png");

            await new ApplicationPageObject(page).GotoAsync("checkout-api");
            await Expect(page.Locator("td[data-label='production']").First).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, $"application-{theme}.png");

            await page.GotoAsync("audit");
            await Expect(page.Locator("table.ca-diff").First).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, $"audit-{theme}.png");
        }

        // Other suites save theirs in the same folder (admins-day-*.png): count only this test's six.
        string[] mine = ["dashboard", "application", "audit"];
        Assert.All(mine.SelectMany(p => new[] { $"{p}-light.png", $"{p}-dark.png" }),
            f => Assert.True(new FileInfo(Path.Combine(folder, f)).Length > 10_000, $"{f} is missing or blank"));
    }
}
