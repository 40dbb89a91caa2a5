using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>A new installation from its set-up link to a machine reading its configuration with a key made in the UI.</summary>
[Collection(FirstRunCollection.Name)]
[Trait("Category", "Browser")]
public sealed class FirstRunTests(FirstRunHostFixture app) : IAsyncLifetime
{
    private const string Email = "first-admin@example.com";
    private static readonly string Password = "first-" + Guid.NewGuid().ToString("N");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    [Fact]
    public async Task SetupLink_CreateAdmin_SignIn_CreateAClientKey_ReadWithIt_SignOut()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        // The one-time link creates the first admin and signs them in.
        await page.GotoAsync(app.SetupLink.PathAndQuery);
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password (at least 12 characters)").FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin and sign in" }).ClickAsync();
        await Expect(page.GetByTestId("getting-started")).ToContainTextAsync("Create an application");

        // Signing out and in again with the new password.
        await SignOutAsync(page);
        await SignInPageObject.SignInAsync(page, Email, Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        // The dashboard's empty state leads to the first application.
        var name = "first-" + Guid.NewGuid().ToString("N")[..8];
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the first application" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Owner", new() { Exact = true }).FillAsync("Team");
        await page.GetByLabel("Contact email", new() { Exact = true }).FillAsync("team@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/applications/{name}") + "$"));
        var application = new ApplicationPageObject(page);
        await application.WaitReadyAsync(name);
        await application.AddKeyAsync("Greeting", "string", "hello");

        // A client key, made in the UI, shown once.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })
            .GetByRole(AriaRole.Link, new() { Name = "API keys", Exact = true }).ClickAsync();
        var keys = new ApiKeysPageObject(page);
        await Expect(keys.Button("New API key")).ToBeEnabledAsync();
        var secret = await keys.CreateClientKeyAsync("first-client");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "New API key" }).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("you will not see it again");
        await keys.Button("Done").ClickAsync();
        await Expect(page.GetByLabel("API key secret", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(keys.Row("first-client")).ToContainTextAsync("client");
        // Once means once: the list, even reloaded, never holds it again.
        await keys.GotoAsync();
        await Expect(keys.Row("first-client")).ToContainTextAsync("client");
        Assert.DoesNotContain(secret, await page.ContentAsync());

        // A machine reads with it over real HTTP; the key may do nothing else.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var read = await http.GetAsync($"/v1/applications/{name}/config?environment=production");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("""{"Greeting":"hello"}""", await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/v1/applications")).StatusCode);

        // Signed out, a protected page sends the browser to sign in (and back there afterwards).
        await SignOutAsync(page);
        await page.GotoAsync("admin/api-keys");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin.*api-keys"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(keys.Button("New API key")).ToHaveCountAsync(0);
    }

    private static async Task SignOutAsync(IPage page)
    {
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true });
        await Expect(account).ToBeEnabledAsync();
        await account.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You are signed out.");
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserTestBase.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
