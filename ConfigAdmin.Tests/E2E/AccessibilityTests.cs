using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Web.Startup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>axe-core on every page, in both themes, at desktop and phone width: no serious or critical violation.</summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AccessibilityTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 1280, 800)]
    [InlineData("light", 390, 844)]
    [InlineData("dark", 390, 844)]
    public async Task EveryPage_HasNoSeriousOrCriticalAxeViolations(string theme, int width, int height)
    {
        await SeedDemoDataAsync();
        var page = await NewPageAsync(width, height);
        // The theme is the browser's remembered choice, as the app-bar toggle stores it.
        await page.Context.AddInitScriptAsync($"localStorage.setItem('configadmin.dark', '{theme == "dark"}'.toLowerCase())");
        var found = new List<string>();

        foreach (var (name, open) in Pages(page))
        {
            await open();
            await Expect(page.GetByRole(AriaRole.Button,
                new() { Name = theme == "dark" ? "Switch to light mode" : "Switch to dark mode" })).ToBeEnabledAsync();
            // Colours are checked as they end up, not halfway through a tab's or a button's transition.
            await WaitForTransitionsAsync(page);
            found.AddRange(Describe(name, await page.RunAxe()));
        }

        Assert.True(found.Count == 0, $"{theme} at {width}px:\n" + string.Join("\n", found));
    }

    private static IEnumerable<(string Name, Func<Task> Open)> Pages(IPage page)
    {
        var app = new ApplicationPageObject(page);
        yield return ("dashboard", async () =>
        {
            await page.GotoAsync("");
            await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
        });
        yield return ("applications", async () =>
        {
            await page.GotoAsync("applications");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "checkout-api" })).ToBeVisibleAsync();
        });
        yield return ("application: Configs", async () =>
        {
            await app.GotoAsync("checkout-api");
            await Expect(page.Locator("td[data-label='production']").First).ToBeVisibleAsync();
        });
        yield return ("application: Configs compared with production", async () =>
        {
            await page.GotoAsync("applications/checkout-api?vs=production");
            await Expect(page.Locator("td.ca-vs-diff").First).ToBeVisibleAsync();
        });
        yield return ("application: Resolved", async () =>
        {
            await app.OpenTabAsync("Resolved");
            await Expect(app.ResolvedJson).ToBeVisibleAsync();
        });
        yield return ("application: History", async () =>
        {
            await app.OpenTabAsync("History");
            await Expect(page.Locator("table.ca-diff").First).ToBeVisibleAsync();
        });
        yield return ("environments", async () =>
        {
            await page.GotoAsync("environments");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete production" })).ToBeEnabledAsync();
        });
        yield return ("audit", async () =>
        {
            await page.GotoAsync("audit");
            await Expect(page.Locator("table.ca-diff").First).ToBeVisibleAsync();
        });
        yield return ("404", async () =>
        {
            await page.GotoAsync("no/such/page");
            await Expect(page.GetByText("Nothing lives at this address.")).ToBeVisibleAsync();
        });
    }

    private static IEnumerable<string> Describe(string page, AxeResult result) =>
        from v in result.Violations
        where v.Impact is "serious" or "critical"
        from node in v.Nodes
        select $"{page}: {v.Id} ({v.Impact}) at {node.Target}: {node.Html}";

    private Task SeedDemoDataAsync() => App.WithServicesAsync(async s =>
    {
        if ((await s.GetRequiredService<ApplicationService>().ListAsync(new(Search: "checkout-api"))).TotalCount == 0)
            await DemoData.SeedAsync(s, CancellationToken.None);
    });
}
