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
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        var page = await NewPageAsync();

        foreach (var theme in new[] { "light", "dark" })
        {
            await page.GotoAsync("");
            var toggle = page.GetByRole(AriaRole.Button, new() { Name = theme == "dark" ? "Switch to dark mode" : "Switch to light mode" });
            if (await toggle.CountAsync() > 0 && theme == "dark") await toggle.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = theme == "dark" ? "Switch to light mode" : "Switch to dark mode" }))
                .ToBeEnabledAsync();
            await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
            await SaveAsync(page, folder, $"dashboard-{theme}.png");

            await new ApplicationPageObject(page).GotoAsync("checkout-api");
            await Expect(page.Locator("td[data-label='production']").First).ToBeVisibleAsync();
            await SaveAsync(page, folder, $"application-{theme}.png");

            await page.GotoAsync("audit");
            await Expect(page.Locator("table.ca-diff").First).ToBeVisibleAsync();
            await SaveAsync(page, folder, $"audit-{theme}.png");
        }

        // Other suites save theirs in the same folder (admins-day-*.png): count only this test's six.
        string[] mine = ["dashboard", "application", "audit"];
        Assert.All(mine.SelectMany(p => new[] { $"{p}-light.png", $"{p}-dark.png" }),
            f => Assert.True(new FileInfo(Path.Combine(folder, f)).Length > 10_000, $"{f} is missing or blank"));
    }

    private static async Task SaveAsync(IPage page, string folder, string file)
    {
        // Fonts in and transitions over; not "network idle": a circuit that had to fall back from WebSockets to long
        // polling (it happened on a loaded machine) keeps a request open at all times, and the wait never ended.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await WaitForTransitionsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = false });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConfigAdmin.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ConfigAdmin.sln not found above " + AppContext.BaseDirectory);
    }
}
