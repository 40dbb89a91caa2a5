using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Web.Startup;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// axe-core on every page, in both themes, at desktop and phone width: no serious or critical violation. At desktop
/// width the walk also refreshes the README's pictures of the dashboard, an application and the audit log on the demo
/// data (docs/screenshots/{page}-{theme}.png), as each stands checked.
/// </summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(AppHostFixture app) : BrowserTestBase(app)
{
    /// <summary>The rules a theme can change: a theme changes colours, never structure, names or roles.</summary>
    private static readonly string[] ColourRules = ["color-contrast", "link-in-text-block"];

    /// <summary>The pages the README shows, by the name the walk gives them, and their pictures' names.</summary>
    private static readonly Dictionary<string, string> Pictured = new()
    {
        ["dashboard"] = "dashboard", ["application: Configs"] = "application", ["audit"] = "audit",
    };

    /// <summary>axe-core itself, as Deque's package ships it.</summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeRunOptions).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")!;
        return new StreamReader(stream).ReadToEnd();
    });

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task EveryPage_InLightAndDark_HasNoSeriousOrCriticalAxeViolations(int width, int height)
    {
        await SeedDemoDataAsync();
        var page = await NewPageAsync(width, height);
        // Each page opens in the theme the last one ended in (the app remembers the choice; the first opens light), is
        // checked, switched with the app bar's toggle, as a user does, and checked again: every rule in light, the
        // colour rules in dark. One page load serves both themes (the dark first paint from the cookie is FirstPaintTests').
        var found = new List<string>();
        var dark = false;
        var started = DateTime.UtcNow.AddSeconds(-1); // file times are coarser than the clock on some file systems

        foreach (var (name, open) in Pages(page))
        {
            await open();
            await CheckInThisTheme(name);
            dark = await SwitchThemeAsync(page, dark);
            await CheckInThisTheme(name);
        }

        Assert.True(found.Count == 0, $"at {width}px:\n" + string.Join("\n", found));
        if (width == 1280)
            Assert.All(Pictured.Values.SelectMany(p => new[] { $"{p}-light.png", $"{p}-dark.png" }), f =>
            {
                var file = new FileInfo(Path.Combine(ScreenshotsFolder, f));
                Assert.True(file.Length > 10_000 && file.LastWriteTimeUtc >= started, $"{f} is blank or was not refreshed");
            });

        // Every rule in light, the colour rules in dark; the README's pictures as the desktop walk passes their pages.
        async Task CheckInThisTheme(string name)
        {
            var theme = dark ? "dark" : "light";
            found.AddRange(await CheckAsync(page, $"{name}, {theme}", dark, dark ? ColourRules : null));
            if (width == 1280 && Pictured.TryGetValue(name, out var picture)) await SaveScreenshotAsync(page, $"{picture}-{theme}.png");
        }
    }

    [Fact]
    public async Task TheCheck_FindsAnUnnamedButtonAndUnreadableText_AndTheColourPassFindsOnlyTheText()
    {
        // The check above passes only if it can fail: a page with two known faults proves the harness sees them.
        var page = await NewPageAsync();
        await page.GotoAsync("no/such/page");
        await Expect(ThemeToggle(page, dark: false)).ToBeEnabledAsync(); // interactive: the prerendered page is replaced by then
        await page.EvaluateAsync("""
            () => document.body.insertAdjacentHTML('beforeend',
              '<button id="unnamed"></button><p id="faint" style="color:#777;background:#888">faint text</p>')
            """);

        var all = await CheckAsync(page, "faults", dark: false, rules: null);
        var colours = await CheckAsync(page, "faults", dark: false, ColourRules);

        Assert.Contains(all, v => v.StartsWith("faults: button-name (critical) at #unnamed", StringComparison.Ordinal));
        Assert.Contains(all, v => v.StartsWith("faults: color-contrast (serious) at #faint", StringComparison.Ordinal));
        Assert.Equal(["color-contrast"], colours.Select(v => v.Split(' ')[1]).Distinct());
    }

    /// <summary>
    /// Waits for the page to be interactive in the theme and for its transitions to end, then runs axe (all rules, or
    /// the ones named) and returns its serious and critical violations, one line a node, each led by <paramref name="what"/>. axe is injected once a page
    /// load and run in the page: Deque's RunAxe opens a helper page per call to finish the run across frames, about
    /// 1.5 s each time here, and this app has no frames.
    /// </summary>
    private static async Task<List<string>> CheckAsync(IPage page, string what, bool dark, string[]? rules)
    {
        await Expect(ThemeToggle(page, dark)).ToBeEnabledAsync();
        // Colours are checked as they end up, not halfway through a tab's, a button's or the theme's transition.
        await WaitForTransitionsAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(AxeSource.Value);
        var found = await page.EvaluateAsync<string[]>("""
            async rules => {
              const options = { resultTypes: ['violations'] };
              if (rules) options.runOnly = { type: 'rule', values: rules };
              const result = await window.axe.run(document, options);
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.html}`));
            }
            """, rules);
        return [.. found.Select(v => $"{what}: {v}")];
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
        yield return ("application: Changes", async () =>
        {
            await app.OpenTabAsync("Changes");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Give payments more time in production", Exact = false })).ToBeVisibleAsync();
        });
        yield return ("change request", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Give payments more time in production", Exact = false }).ClickAsync();
            await Expect(page.GetByTestId("diff-production")).ToBeVisibleAsync();
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
        yield return ("webhooks", async () =>
        {
            await page.GotoAsync("admin/webhooks");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New webhook" })).ToBeEnabledAsync();
        });
        yield return ("404", async () =>
        {
            await page.GotoAsync("no/such/page");
            await Expect(page.GetByText("Nothing lives at this address.")).ToBeVisibleAsync();
        });
    }

    private Task SeedDemoDataAsync() => App.WithServicesAsync(async s =>
    {
        if ((await s.GetRequiredService<ApplicationService>().ListAsync(new(Search: "checkout-api"))).TotalCount > 0) return;
        await DemoData.SeedAsync(s, CancellationToken.None);
        // The demo protects production (its change request is on the walk); the admin's day on this app writes production.
        var envs = s.GetRequiredService<Core.Environments.EnvironmentService>();
        await envs.UpdateAsync("production", (await envs.GetAsync("production")).ToInput() with { RequiredApprovals = 0 }, null);
    });
}
