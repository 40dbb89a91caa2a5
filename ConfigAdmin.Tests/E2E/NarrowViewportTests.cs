using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class NarrowViewportTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task At390PixelsWide_AnAdminCanStillAddAKey()
    {
        var name = Unique("phone");
        await App.WithServiceAsync<ApplicationService, ApplicationDto>(a => a.CreateAsync(new(name, null, "Team", "t@example.com")));
        var shop = new ApplicationPageObject(await NewPageAsync(width: 390, height: 844));
        await shop.GotoAsync(name);

        await shop.AddKeyAsync("Mobile:Timeout", "integer", "15");

        var keys = await App.WithServiceAsync<ConfigService, ConfigAdmin.Core.Common.PagedResult<ConfigDto>>(
            c => c.ListAsync(new ConfigQuery(Application: name)));
        var key = Assert.Single(keys.Items);
        Assert.Equal(("Mobile:Timeout", "15"), (key.Key, key.DefaultValue));
    }

    [Fact]
    public async Task At390PixelsWide_NothingOnTheApplicationPageOverlaps()
    {
        var name = await NewApplicationAsync("phone", async (configs, app) =>
        {
            await configs.CreateAsync(new(app, "Mobile:Timeout", ConfigValueType.Integer, "15", "How long a phone waits",
                Overrides: new Dictionary<string, string?> { ["production"] = "30" }));
            await configs.CreateAsync(new(app, "Mobile:Greeting", ConfigValueType.String, "hi", null));
        });
        var shop = new ApplicationPageObject(await NewPageAsync(width: 390, height: 844));
        await shop.GotoAsync(name);
        await Expect(shop.Cell("Mobile:Greeting")).ToBeVisibleAsync();

        // Every control and every key's card against every other one that does not contain it: no two boxes meet or
        // nearly meet (the toolbar's wrapped Add key button once sat on the first card).
        var overlaps = await shop.Page.EvaluateAsync<string[]>("""
            () => {
              // What shows of an element: its box clipped by every scrolling or clipping box around it (a tab half
              // scrolled out of its tab bar shows only its visible part).
              const visible = e => {
                let r = e.getBoundingClientRect();
                let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
                for (let p = e.parentElement; p; p = p.parentElement) {
                  if (getComputedStyle(p).overflow === 'visible') continue;
                  const c = p.getBoundingClientRect();
                  [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
                }
                return { left, top, right, bottom, width: right - left, height: bottom - top };
              };
              const boxes = [...document.querySelectorAll('main button, main a, main input, main [role=tab], table.ca-keys tbody tr')]
                .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[aria-hidden=true]'))
                .map(e => ({ e, r: visible(e) })).filter(b => b.r.width > 0 && b.r.height > 0);
              const name = e => (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40);
              const found = [];
              for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i], b = boxes[j];
                  if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
                  const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
                  const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
                  // Closer than 2 px above or below counts, except between two keys' cards: rows of one table, stacked.
                  const rows = a.e.tagName === 'TR' && b.e.tagName === 'TR';
                  if (x > 0 && (rows ? y > 0 : y > -2)) found.push(`${name(a.e)} / ${name(b.e)} (${x.toFixed(0)}x${y.toFixed(0)})`);
                }
              return found;
            }
            """);
        Assert.True(overlaps.Length == 0, string.Join("\n", overlaps));
    }

    [Fact]
    public async Task At390PixelsWide_TheDashboardsRecentChangesStackAsCards()
    {
        await NewApplicationAsync("feed", (configs, app) => configs.CreateAsync(new(app, "Feed:Item", ConfigValueType.String, "x", null)));
        var page = await NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("");
        // The prerendered dashboard is rendered again once its circuit is live, its tables briefly gone (every box
        // measures 0): measure after that, when its buttons are enabled.
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "New application", Exact = true })).ToBeEnabledAsync();
        var changes = page.Locator("[data-testid='recent-changes']");
        // Laid out as cards once the app's style sheet applies (a loaded machine may measure before it otherwise).
        await Expect(changes.Locator("tbody tr td").First).ToHaveCSSAsync("display", "flex");

        var layout = await changes.EvaluateAsync<double[]>("""
            e => {
              const cells = [...e.querySelectorAll('tbody tr:first-child td')].map(c => c.getBoundingClientRect());
              const right = Math.max(...[...e.querySelectorAll('td')].map(c => c.getBoundingClientRect().right));
              return [right, window.innerWidth, document.documentElement.scrollWidth, cells[0].top, cells[1].top];
            }
            """);
        Assert.True(layout[0] <= layout[1], $"a change reaches {layout[0]} px in a {layout[1]} px window");
        Assert.True(layout[2] <= layout[1], $"the page is {layout[2]} px wide");
        Assert.True(layout[4] > layout[3], "a change's fields sit side by side, not one under another");
    }

    [Fact]
    public async Task At390PixelsWide_AKeyWithALongValue_StaysInsideItsCard()
    {
        var value = string.Concat(Enumerable.Repeat("https://upstream.example.com/a/long/path/", 40));
        var name = await NewApplicationAsync("long", (configs, app) => configs.CreateAsync(new(app, "Upstream:Url", ConfigValueType.String, value,
            "Where the calls go", Overrides: new Dictionary<string, string?> { ["production"] = value + "prod" })));
        var shop = new ApplicationPageObject(await NewPageAsync(width: 390, height: 844));
        await shop.GotoAsync(name);
        await Expect(shop.Cell("Upstream:Url")).ToBeVisibleAsync();
        await Expect(shop.EnvironmentCell("Upstream:Url", "production")).ToHaveCSSAsync("display", "flex");

        var outside = await shop.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table.ca-keys td, table.ca-keys td button, table.ca-keys td code')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .map(e => `${e.dataset.label ?? e.getAttribute('aria-label') ?? e.tagName}: ${Math.round(e.getBoundingClientRect().right)} px`)
            """);
        Assert.True(outside.Length == 0, string.Join("\n", outside));
        Assert.True(await shop.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }
}
