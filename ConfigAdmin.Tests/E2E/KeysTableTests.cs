using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>The Configs tab at 1280 px: six environments and a long JSON default fit without scrolling sideways.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class KeysTableTests(AppHostFixture app) : BrowserTestBase(app)
{
    private const string LongJson =
        """{"endpoints":["https://eu.payments.example.com/v2","https://us.payments.example.com/v2"],"timeout":30}""";

    [Fact]
    public async Task SixEnvironmentsAndANinetyCharacterJsonDefault_FitAt1280WithTheActionsInView()
    {
        var name = Unique("wide");
        var added = new List<string>();
        await App.WithServicesAsync(async s =>
        {
            var environments = s.GetRequiredService<EnvironmentService>();
            for (var count = (await environments.AllAsync()).Count; count < 6; count++)
            {
                added.Add(Unique("env"));
                await environments.CreateAsync(new(added[^1], "temporary", 90 + count));
            }
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            var configs = s.GetRequiredService<ConfigService>();
            await configs.CreateAsync(new(name, "Payments:Upstreams", ConfigValueType.Json, LongJson, "Where payments go"));
            await configs.CreateAsync(new(name, "Payments:TimeoutSeconds", ConfigValueType.Integer, "30", null,
                Overrides: new Dictionary<string, string?> { ["production"] = "90" }));
        });
        try
        {
            Assert.True(LongJson.Length is > 85 and < 110, $"{LongJson.Length} characters");
            var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
            await shop.GotoAsync(name);
            await Expect(shop.Cell("Payments:Upstreams")).ToBeVisibleAsync();

            var sizes = await shop.Page.EvaluateAsync<int[]>("""
                () => {
                  const table = document.querySelector('table.ca-keys');
                  const container = table.closest('.ca-keys-scroll');
                  return [table.scrollWidth, container.clientWidth, document.documentElement.scrollWidth, window.innerWidth];
                }
                """);
            Assert.True(sizes[0] <= sizes[1], $"table {sizes[0]} px wide in a {sizes[1]} px container");
            Assert.True(sizes[2] <= sizes[3], $"page {sizes[2]} px wide in a {sizes[3]} px window");
            Assert.True(await shop.Page.Locator("table.ca-keys thead th").CountAsync() - 4 >= 6, "fewer than six environments");

            // The long value is one line cut short; hovering shows all of it.
            var value = shop.Page.Locator("td[data-label='Default'] .ca-value", new() { HasTextString = "endpoints" });
            await Expect(value).ToHaveAttributeAsync("title", LongJson);
            var lineHeight = await value.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).lineHeight) || 20");
            Assert.True((await value.BoundingBoxAsync())!.Height < lineHeight * 1.5, "the value wraps");

            foreach (var button in new[] { "Edit Payments:Upstreams", "History of Payments:Upstreams", "Delete Payments:Upstreams" })
                await Expect(shop.Button(button)).ToBeInViewportAsync();
            foreach (var env in new[] { "production", added.LastOrDefault() ?? "production" })
                await Expect(shop.Button($"Set Payments:Upstreams in {env}")).ToBeInViewportAsync();

            // The override that differs from the default says so in words, beside the value.
            await Expect(shop.EnvironmentCell("Payments:TimeoutSeconds", "production").GetByText("Differs from the default"))
                .ToBeAttachedAsync();
        }
        finally
        {
            await App.WithServicesAsync(async s =>
            {
                await s.GetRequiredService<ApplicationService>().DeleteAsync(name, null);
                foreach (var env in added) await s.GetRequiredService<EnvironmentService>().DeleteAsync(env, null);
            });
        }
    }

    [Fact]
    public async Task CompareWithProduction_TintsTheValuesThatDiffer_AndTheUrlKeepsIt()
    {
        var name = await NewApplicationAsync("versus", (configs, app) => configs.CreateAsync(new(app, "Pool:Size", ConfigValueType.Integer, "10",
            null, Overrides: new Dictionary<string, string?> { ["production"] = "50", ["staging"] = "50" })));
        var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
        await shop.GotoAsync(name);

        await shop.Button("Compare with production").ClickAsync();

        await Expect(shop.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]vs=production"));
        await Expect(shop.EnvironmentCell("Pool:Size", "development")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ca-vs-diff"));
        await Expect(shop.EnvironmentCell("Pool:Size", "development").GetByText("Differs from production")).ToBeAttachedAsync();
        await Expect(shop.EnvironmentCell("Pool:Size", "staging")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ca-vs-diff"));
        // At a glance: the differing cell's background is not the plain one.
        var backgrounds = await shop.Page.EvaluateAsync<string[]>("""
            () => ['development', 'staging'].map(e => getComputedStyle(document.querySelector(`td[data-label='${e}']`)).backgroundColor)
            """);
        Assert.NotEqual(backgrounds[1], backgrounds[0]);

        // A link or a reload keeps the comparison; pressing the same header again ends it.
        await shop.Page.ReloadAsync();
        await Expect(shop.EnvironmentCell("Pool:Size", "development")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ca-vs-diff"));
        await shop.Button("Compare with production").ClickAsync();
        await Expect(shop.Page.Locator(".ca-vs-diff")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SearchBoxAndTabs_ByKeyboard_FilterTheKeys_MoveAlongTheTabs_AndTheUrlKeepsBoth()
    {
        var name = await NewApplicationAsync("keyboard", async (configs, app) =>
        {
            await configs.CreateAsync(new(app, "Db:Host", ConfigValueType.String, "localhost", null));
            await configs.CreateAsync(new(app, "Feature:Beta", ConfigValueType.Boolean, "false", "Shows the beta banner"));
        });
        var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
        await shop.GotoAsync(name);

        await shop.Page.GetByRole(Microsoft.Playwright.AriaRole.Searchbox, new() { Name = "Filter keys", Exact = true })
            .PressSequentiallyAsync("banner");
        await Expect(shop.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=banner"));
        await Expect(shop.Cell("Feature:Beta")).ToBeVisibleAsync();
        await Expect(shop.Cell("Db:Host")).ToHaveCountAsync(0);

        var tab = (string label) => shop.Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = label, Exact = true });
        await tab("Configs").FocusAsync();
        // MudTabs moves the focus from the server: each key press lands before the next is sent.
        await shop.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(tab("Resolved")).ToBeFocusedAsync();
        await shop.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(tab("History")).ToBeFocusedAsync();
        Assert.Equal("solid", await tab("History").EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await shop.Page.Keyboard.PressAsync("Enter");
        await Expect(tab("History")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(shop.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]tab=history"));
        await shop.Page.Keyboard.PressAsync("Home");
        await Expect(tab("Configs")).ToBeFocusedAsync();

        // Back to the grid by the browser's Back: the search is still there.
        await shop.Page.GoBackAsync();
        await Expect(tab("Configs")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(shop.Page.GetByRole(Microsoft.Playwright.AriaRole.Searchbox, new() { Name = "Filter keys", Exact = true })).ToHaveValueAsync("banner");
        await Expect(shop.Cell("Db:Host")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Search_TypedAtTheDebouncesPace_EndsWithTheWholeWord_InTheBoxAndTheUrl()
    {
        var name = await NewApplicationAsync("typing", async (configs, app) =>
            await configs.CreateAsync(new(app, "Feature:Beta", ConfigValueType.Boolean, "false", "Shows the beta banner")));
        var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
        await shop.GotoAsync(name);
        var box = shop.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter keys", Exact = true });

        // A key every 300 ms: each pause searches and puts ?q= in the address while the next keys are on their way.
        await box.PressSequentiallyAsync("banner", new() { Delay = 300 });

        await Expect(shop.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=banner$"));
        await Expect(box).ToHaveValueAsync("banner");
        await Expect(shop.Cell("Feature:Beta")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LongKeyName_At1280_BreaksOnlyBetweenItsSegments()
    {
        const string key = "Payments:Providers:PrimaryRegion:FailoverTimeoutSeconds";
        var name = await NewApplicationAsync("wrap", (configs, app) => configs.CreateAsync(new(app, key, ConfigValueType.Integer, "30", null)));
        var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
        await shop.GotoAsync(name);
        await Expect(shop.Cell(key)).ToBeVisibleAsync();

        // The name's text, line by line as the browser laid it out.
        var lines = await shop.Cell(key).EvaluateAsync<string[]>("""
            e => {
              const lines = []; let top = null;
              const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode())
                for (let i = 0; i < n.length; i++) {
                  const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                  const t = Math.round(r.getBoundingClientRect().top);
                  if (top === null || Math.abs(t - top) > 2) { lines.push(''); top = t; }
                  lines[lines.length - 1] += n.data[i];
                }
              return lines;
            }
            """);
        Assert.True(lines.Length > 1, $"'{key}' fits one line: nothing shows where it would break");
        Assert.Equal(key, string.Concat(lines));
        Assert.All(lines[..^1], line => Assert.True(line.EndsWith(':'), $"a line ends inside a word: {string.Join(" | ", lines)}"));
    }

    [Fact]
    public async Task SixEnvironments_At1280_HidingColumnsWidensTheValues_AndTheBrowserRemembersIt()
    {
        var name = Unique("columns");
        var added = new List<string>();
        await App.WithServicesAsync(async s =>
        {
            var environments = s.GetRequiredService<EnvironmentService>();
            for (var count = (await environments.AllAsync()).Count; count < 6; count++)
            {
                added.Add(Unique("env"));
                await environments.CreateAsync(new(added[^1], "temporary", 90 + count));
            }
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await s.GetRequiredService<ConfigService>().CreateAsync(new(name, "Region", ConfigValueType.String, "eu-west-1b", null));
        });
        try
        {
            var shop = new ApplicationPageObject(await NewPageAsync(1280, 800));
            await shop.GotoAsync(name);
            var value = shop.EnvironmentCell("Region", "production").Locator(".ca-value");
            await Expect(value).ToBeVisibleAsync();
            Assert.True(await value.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "six environments: the value should not fit");

            await shop.Page.GetByRole(AriaRole.Button, new() { Name = "Environment columns", Exact = true }).ClickAsync();
            foreach (var env in added) await shop.Page.GetByRole(AriaRole.Checkbox, new() { Name = env, Exact = true }).UncheckAsync();
            await shop.Page.Keyboard.PressAsync("Escape");

            foreach (var env in added) await Expect(shop.Page.Locator($"table.ca-keys thead th[title='{env}']")).ToHaveCountAsync(0);
            await Expect(value).ToHaveTextAsync("eu-west-1b");
            Assert.False(await value.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the value is still cut with three columns hidden");
            await shop.Page.ReloadAsync();
            await shop.WaitReadyAsync(name);
            await Expect(shop.EnvironmentCell("Region", "production")).ToBeVisibleAsync();
            foreach (var env in added) await Expect(shop.Page.Locator($"table.ca-keys thead th[title='{env}']")).ToHaveCountAsync(0);
        }
        finally
        {
            await App.WithServicesAsync(async s =>
            {
                await s.GetRequiredService<ApplicationService>().DeleteAsync(name, null);
                foreach (var env in added) await s.GetRequiredService<EnvironmentService>().DeleteAsync(env, null);
            });
        }
    }
}
