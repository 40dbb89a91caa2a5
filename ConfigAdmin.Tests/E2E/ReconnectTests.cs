using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>What a signed-in admin sees while the server is down and after it restarted (bug 3 of the UX pass).</summary>
[Collection(RestartCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReconnectTests(RestartableAppHost app) : IAsyncLifetime
{
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    [Fact]
    public async Task ServerRestart_SaysReconnectingThenRestartedWithAVisibleReload_InBothThemes()
    {
        // One restart serves both themes: a light and a dark page, each with unsaved input in an open dialog.
        (bool Dark, IPage Page)[] pages = [(false, await SignedInPageAsync(dark: false)), (true, await SignedInPageAsync(dark: true))];
        foreach (var (_, page) in pages)
        {
            await page.GotoAsync("environments");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New environment" })).ToBeEnabledAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New environment" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByLabel("Name", new() { Exact = true }).FillAsync("unsaved-input");
        }

        await app.StopAsync();

        // Down: the page (and the open dialog) stay visible behind a translucent overlay.
        foreach (var (_, page) in pages)
        {
            var reconnect = page.Locator("#components-reconnect-modal");
            await Expect(reconnect.GetByText("Connection lost")).ToBeVisibleAsync();
            await Expect(reconnect.GetByText("Reconnecting to ConfigAdmin", new() { Exact = false })).ToBeVisibleAsync();
            Assert.Equal("rgba(0, 0, 0, 0.2)", await reconnect.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            await Expect(page.GetByRole(AriaRole.Dialog).GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("unsaved-input");
            await Expect(reconnect.GetByRole(AriaRole.Button, new() { Name = "Reload" })).ToBeHiddenAsync();
        }

        await app.StartAsync();

        // Back, but the circuit is gone with the old process: say so, and offer the one way out, readable in each theme.
        foreach (var (dark, page) in pages)
        {
            var reconnect = page.Locator("#components-reconnect-modal");
            await Expect(reconnect.GetByText("The server restarted; reload to continue")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(reconnect.GetByText("Unsaved input in an open dialog will be lost", new() { Exact = false })).ToBeVisibleAsync();
            await Expect(reconnect.GetByText("Reconnecting to ConfigAdmin", new() { Exact = false })).ToBeHiddenAsync();
            var reload = reconnect.GetByRole(AriaRole.Button, new() { Name = "Reload" });
            await Expect(reload).ToBeVisibleAsync();
            var (button, card) = (await reload.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
                await reconnect.Locator(".ca-reconnect-card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.NotEqual(card, button);
            Assert.NotEqual(button, await reload.EvaluateAsync<string>("e => getComputedStyle(e).color"));
            Assert.Equal(dark ? "rgb(55, 55, 64)" : "rgb(255, 255, 255)", card);

            await reload.ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Environments", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New environment" })).ToBeEnabledAsync();
            await Expect(reconnect).ToBeHiddenAsync();
        }
    }

    private async Task<IPage> SignedInPageAsync(bool dark)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        if (dark) await context.AddCookiesAsync([new() { Name = "configadmin.dark", Value = "true", Url = app.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await SignInPageObject.SignInAsync(page, RestartableAppHost.AdminEmail, RestartableAppHost.AdminPassword);
        return page;
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserTestBase.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        // The next test needs a running server.
        await app.StartIfStoppedAsync();
    }
}
