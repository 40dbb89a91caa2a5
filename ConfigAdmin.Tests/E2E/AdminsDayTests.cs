using System.Text.RegularExpressions;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// An admin's day, signed in, on real Kestrel and Chromium: create an application, add a key of every type and a
/// secret, override one, reveal the secret, read the Resolved tab, look at the audit and the environments, check the
/// application page at 390 px, delete the application. Each stop refreshes its screenshots in docs/screenshots
/// (admins-day-*-light.png and -dark.png): the page as it is, then switched to dark with the app bar's toggle, as a
/// user does, and back. One walk serves both themes (the dark first paint is FirstPaintTests').
/// </summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AdminsDayTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task AdminsDay_FromCreateToDelete_WorksAndIsPicturedInBothThemes()
    {
        var name = Unique("day");
        var page = await NewPageAsync(1280, 800);

        await page.GotoAsync("");
        await Expect(ThemeToggle(page, dark: false)).ToBeEnabledAsync();
        await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
        await SaveBothAsync(page, "dashboard");

        // Create, and a key of every type, a secret among them, and an override.
        var applications = new ApplicationsPageObject(page);
        await applications.GotoAsync();
        var shop = await applications.CreateAsync(name, "Shop team", "shop@example.com");
        await shop.AddKeyAsync("Greeting", "string", "hello");
        await shop.AddKeyAsync("Limits:Max", "integer", "42");
        await shop.AddKeyAsync("Ratio", "number", "0.5");
        await shop.AddKeyAsync("Feature:On", "boolean", "true");
        await shop.AddKeyAsync("Boosts", "json", """{"a":1}""");
        await AddSecretAsync(shop, "Api:Token", "s3cret-token");
        await shop.SetOverrideAsync("Limits:Max", "production", "integer", "100");
        await Expect(shop.EnvironmentCell("Limits:Max", "production")).ToContainTextAsync("100");
        await Expect(page.GetByText("· 6 keys ·", new() { Exact = false })).ToBeVisibleAsync();

        // The secret is masked until revealed.
        await Expect(page.GetByText("s3cret-token")).ToHaveCountAsync(0);
        await shop.Button("Reveal Api:Token default").ClickAsync();
        await Expect(page.GetByText("s3cret-token").First).ToBeVisibleAsync();
        await SaveBothAsync(page, "application");

        // What production's clients get.
        await shop.OpenTabAsync("Resolved");
        await page.GetByLabel("Environment", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "production", Exact = true }).ClickAsync();
        await Expect(shop.ResolvedJson).ToContainTextAsync("\"Limits:Max\": 100");
        await Expect(shop.ResolvedJson).ToContainTextAsync("\"Greeting\": \"hello\"");
        await SaveBothAsync(page, "resolved");

        // The same page on a phone: nothing sticks out sideways.
        var phone = await NewPageAsync(390, 844);
        await new ApplicationPageObject(phone).GotoAsync(name);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the application page scrolls sideways at 390 px");
        await SaveBothAsync(phone, "application-390");

        // The audit tells the story, newest first.
        await page.GotoAsync($"audit?application={name}");
        var entries = page.Locator("[aria-label='Audit entries']").First;
        await Expect(entries).ToContainTextAsync("created application");
        await Expect(entries).ToContainTextAsync("Limits:Max");
        await SaveBothAsync(page, "audit");

        await page.GotoAsync("environments");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete production", Exact = true })).ToBeEnabledAsync();
        await SaveBothAsync(page, "environments");

        // Delete: the confirmation says what goes, and only the typed name enables it. The dialog covers the app bar, so
        // its dark picture is taken by cancelling, switching, and asking again.
        await shop.GotoAsync(name);
        var dialog = await OpenDeleteDialogAsync(shop, name);
        await Expect(dialog).ToContainTextAsync("with its 6 keys and 1 override");
        await Expect(dialog).ToContainTextAsync("Clients reading it get 404 at once");
        await SaveAsync(page, "delete-light");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await SwitchThemeAsync(page, dark: false);
        dialog = await OpenDeleteDialogAsync(shop, name);
        await SaveAsync(page, "delete-dark");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/applications$"));
        using var http = App.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await http.GetAsync($"/v1/applications/{name}/config?environment=production")).StatusCode);
    }

    private static async Task AddSecretAsync(ApplicationPageObject app, string key, string value)
    {
        await app.Button("Add key").ClickAsync();
        await app.Page.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        await app.Page.GetByLabel("Secret", new() { Exact = true }).CheckAsync();
        // The switch re-renders the value editor as a password field: fill it once that render is in, or a loaded
        // machine's late render can leave the key saved without the typed default.
        await Expect(app.Page.Locator("input[type=password][aria-label='Default value']")).ToBeAttachedAsync();
        await app.FillValueAsync("Default value", "string", value);
        await app.Button("Create key").ClickAsync();
        await Expect(app.Page.GetByLabel("Key", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(app.Cell(key)).ToBeVisibleAsync();
    }

    /// <summary>Opens the delete confirmation and types the name: Delete is disabled until then.</summary>
    private static async Task<ILocator> OpenDeleteDialogAsync(ApplicationPageObject app, string name)
    {
        await app.Button("Delete application").ClickAsync();
        var dialog = app.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeDisabledAsync();
        await dialog.GetByLabel("Application name to confirm").FillAsync(name);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeEnabledAsync();
        return dialog;
    }

    /// <summary>The page's picture in light, then in dark (the app bar's toggle), then back to light for the next step.</summary>
    private static async Task SaveBothAsync(IPage page, string name)
    {
        await SaveAsync(page, $"{name}-light");
        await SwitchThemeAsync(page, dark: false);
        await SaveAsync(page, $"{name}-dark");
        await SwitchThemeAsync(page, dark: true);
    }

    private static Task SaveAsync(IPage page, string name) => SaveScreenshotAsync(page, $"admins-day-{name}.png");
}
