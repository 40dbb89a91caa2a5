using System.Text.RegularExpressions;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// An admin's day, signed in, on real Kestrel and Chromium, in light and in dark: create an application, add a key of
/// every type and a secret, override one, reveal the secret, read the Resolved tab, look at the audit and the
/// environments, check the application page at 390 px, delete the application. Each stop refreshes its screenshot in
/// docs/screenshots (admins-day-*.png).
/// </summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AdminsDayTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task AdminsDay_FromCreateToDelete_WorksAndIsPictured(string theme)
    {
        var name = Unique("day");
        var page = await ThemedPageAsync(theme, 1280, 800);

        await page.GotoAsync("");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = theme == "dark" ? "Switch to light mode" : "Switch to dark mode" }))
            .ToBeEnabledAsync();
        await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
        await SaveAsync(page, $"dashboard-{theme}");

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
        await SaveAsync(page, $"application-{theme}");

        // What production's clients get.
        await shop.OpenTabAsync("Resolved");
        await page.GetByLabel("Environment", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "production", Exact = true }).ClickAsync();
        await Expect(shop.ResolvedJson).ToContainTextAsync("\"Limits:Max\": 100");
        await Expect(shop.ResolvedJson).ToContainTextAsync("\"Greeting\": \"hello\"");
        await SaveAsync(page, $"resolved-{theme}");

        // The same page on a phone: nothing sticks out sideways.
        var phone = await ThemedPageAsync(theme, 390, 844);
        await new ApplicationPageObject(phone).GotoAsync(name);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the application page scrolls sideways at 390 px");
        await SaveAsync(phone, $"application-390-{theme}");

        // The audit tells the story, newest first.
        await page.GotoAsync($"audit?application={name}");
        var entries = page.Locator("[aria-label='Audit entries']").First;
        await Expect(entries).ToContainTextAsync("created application");
        await Expect(entries).ToContainTextAsync("Limits:Max");
        await SaveAsync(page, $"audit-{theme}");

        await page.GotoAsync("environments");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete production", Exact = true })).ToBeEnabledAsync();
        await SaveAsync(page, $"environments-{theme}");

        // Delete: the confirmation says what goes, and only the typed name enables it.
        await shop.GotoAsync(name);
        await shop.Button("Delete application").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("with its 6 keys and 1 override");
        await Expect(dialog).ToContainTextAsync("Clients reading it get 404 at once");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeDisabledAsync();
        await dialog.GetByLabel("Application name to confirm").FillAsync(name);
        await SaveAsync(page, $"delete-{theme}");
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
        await app.FillValueAsync("Default value", "string", value);
        await app.Button("Create key").ClickAsync();
        await Expect(app.Page.GetByLabel("Key", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(app.Cell(key)).ToBeVisibleAsync();
    }

    /// <summary>A signed-in page whose browser chose <paramref name="theme"/> (the cookie the app keeps the choice in).</summary>
    private async Task<IPage> ThemedPageAsync(string theme, int width, int height)
    {
        var page = await NewPageAsync(width, height);
        await page.Context.AddCookiesAsync([new() { Name = "configadmin.dark", Value = theme == "dark" ? "true" : "false", Url = App.BaseAddress.ToString() }]);
        return page;
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"admins-day-{name}.png") });
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
