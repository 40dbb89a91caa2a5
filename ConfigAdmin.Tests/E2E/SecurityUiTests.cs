using System.Net;
using System.Text.RegularExpressions;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Web.Security.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class SecurityUiTests(AppHostFixture app) : BrowserTestBase(app)
{
    private static readonly string Password = "pw-" + Guid.NewGuid().ToString("N");

    /// <summary>What the Configs tab offers editors and admins for the key Greeting.</summary>
    private static readonly string[] KeyControls = ["Add key", "Edit Greeting", "Delete Greeting", "Set Greeting in production"];

    [Fact]
    public async Task RepeatedFailedSignIns_LockTheAccount_WithoutSayingTheAccountExists_AndAdminsSeeIt()
    {
        // One message for a wrong password, a lockout and an unknown address: it must not confirm that an account exists.
        const string NotRight = "The e-mail or password is not right, or too many failed attempts locked the account for 15 minutes.";
        var email = $"{Unique("locked")}@example.com";
        await AddUserAsync(email, Role.Viewer);
        var page = await NewPageAsync(signedIn: false);
        await page.GotoAsync("account/signin");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AttemptSignInAsync(page, email, "wrong-password-" + attempt);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(NotRight);
        }
        await AttemptSignInAsync(page, email, "wrong-password-5");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(NotRight);

        // Locked means locked: the right password does not get in either.
        await AttemptSignInAsync(page, email, Password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(NotRight);
        await page.GotoAsync("audit");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));

        var admin = await NewPageAsync();
        await admin.GotoAsync("admin/users");
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasTextString = email })).ToContainTextAsync("locked out");
    }

    [Fact]
    public async Task Viewer_SeesNoEditControlsOnAnyPage_WhileAnAdminSeesThemOnTheApplicationPage()
    {
        var name = Unique("viewed");
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await s.GetRequiredService<ConfigService>().CreateAsync(new(name, "Greeting", ConfigValueType.String, "hello", null));
        });
        var email = $"{Unique("viewer")}@example.com";
        await AddUserAsync(email, Role.Viewer);
        var page = await NewPageAsync(signedIn: false);
        await SignInPageObject.SignInAsync(page, email, Password);

        await Expect(page.GetByLabel("Applications: ", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "View all changes" })).ToBeVisibleAsync();
        await Expect(Button(page, "New application")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        await page.GotoAsync("applications");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(Button(page, "New application")).ToHaveCountAsync(0);

        var application = new ApplicationPageObject(page);
        await page.GotoAsync($"applications/{name}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Clients" })).ToBeVisibleAsync();
        await ExpectInteractiveConfigsTabAsync(application);
        foreach (var control in KeyControls) await Expect(Button(page, control)).ToHaveCountAsync(0);
        await Expect(Button(page, "Edit application")).ToHaveCountAsync(0);
        await Expect(Button(page, "Delete application")).ToHaveCountAsync(0);

        await page.GotoAsync("environments");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "staging", Exact = true })).ToBeVisibleAsync();
        await Expect(Button(page, "New environment")).ToHaveCountAsync(0);
        await Expect(Button(page, "Edit staging")).ToHaveCountAsync(0);
        await Expect(Button(page, "Delete staging")).ToHaveCountAsync(0);

        await page.GotoAsync("admin/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();

        // The same page, signed in as an admin, offers every one of them.
        var admin = new ApplicationPageObject(await NewPageAsync());
        await admin.GotoAsync(name);
        await ExpectInteractiveConfigsTabAsync(admin);
        foreach (var control in KeyControls) await Expect(admin.Button(control)).ToBeEnabledAsync();
        await Expect(admin.Button("Edit application")).ToBeEnabledAsync();
        await Expect(admin.Button("Delete application")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task ClientsTab_ShowsAnInstanceThatPolledWithTheClientHeader()
    {
        var name = Unique("polled");
        var secret = "";
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await s.GetRequiredService<ConfigService>().CreateAsync(new(name, "Greeting", ConfigValueType.String, "hello", null));
            secret = (await s.GetRequiredService<ApiKeyService>().CreateAsync(new ApiKeyInput(Unique("poller"), Role.Client, [name]))).Secret!;
        });
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var url = $"/v1/applications/{name}/config?environment=staging";
        var etag = (await http.GetAsync(url)).Headers.ETag!.Tag;
        using var poll = new HttpRequestMessage(HttpMethod.Get, url);
        poll.Headers.TryAddWithoutValidation("ConfigAdmin-Client", "e2e-instance-1; host=build-agent-7; version=9.9.9");
        poll.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(poll)).StatusCode);

        var app = new ApplicationPageObject(await NewPageAsync());
        await app.GotoAsync(name);
        await app.OpenTabAsync("Clients");

        var row = app.Page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "e2e-instance-1" });
        await Expect(row).ToContainTextAsync("build-agent-7");
        await Expect(row).ToContainTextAsync("9.9.9");
        await Expect(row).ToContainTextAsync(etag);
        await Expect(row).ToContainTextAsync("current");
    }

    /// <summary>
    /// The Configs tab as the live circuit renders it (its search field is enabled only then) with its key listed, so
    /// the controls checked afterwards are the ones the caller's role allows, not a prerendered placeholder.
    /// </summary>
    private static async Task ExpectInteractiveConfigsTabAsync(ApplicationPageObject application)
    {
        await Expect(application.Page.GetByPlaceholder("Search keys and descriptions")).ToBeEnabledAsync();
        await Expect(application.Cell("Greeting")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Submits the sign-in form and waits for the page the post redirects to (a fresh, empty form), so the next
    /// expectation reads this attempt's answer and not the same message left by the one before.
    /// </summary>
    private static async Task AttemptSignInAsync(IPage page, string email, string password)
    {
        await SignInPageObject.FillAndSubmitAsync(page, email, password);
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync("");
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private Task AddUserAsync(string email, Role role) =>
        App.WithServiceAsync<UserAdminService, UserDto>(users => users.CreateAsync(new NewUserInput(email, Password, [new RoleGrant(role, [AccessScopes.All])])));
}
