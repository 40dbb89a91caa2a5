using System.Text.RegularExpressions;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Web.Security.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// No production change without a second person, in the browser: editor A requests a production change from the keys
/// grid, editor B finds it on the dashboard and approves it, A's open request page follows live and A applies it, and a
/// client reads the new value. Writes the screenshots docs/change-requests.md shows.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class ChangeRequestFlowTests(AppHostFixture app) : BrowserTestBase(app)
{
    private static readonly string Password = "pw-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task EditorARequests_EditorBApproves_AApplies_AndTheClientReadShowsIt()
    {
        var name = await NewApplicationAsync("guarded", (configs, app) =>
            configs.CreateAsync(new(app, "Payments:TimeoutSeconds", ConfigValueType.Integer, "30", "Seconds before a payment call gives up.",
                Overrides: new Dictionary<string, string?> { ["production"] = "10", ["staging"] = "20" })));
        var (alice, bob) = ($"{Unique("alice")}@example.com", $"{Unique("bob")}@example.com");
        var secret = "";
        await App.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserAdminService>();
            foreach (var email in new[] { alice, bob })
                await users.CreateAsync(new NewUserInput(email, Password, [new RoleGrant(Role.Editor, [AccessScopes.All])]));
            secret = (await s.GetRequiredService<ApiKeyService>().CreateAsync(new ApiKeyInput(Unique("reader"), Role.Client, [name]))).Secret!;
        });
        await ProtectProductionAsync(1);
        try
        {
            // Editor A: the production cell's dialog says "Request change" and files the edit as a request.
            var a = await SignedInAsync(alice);
            var application = new ApplicationPageObject(a);
            await application.GotoAsync(name);
            await application.Button("Set Payments:TimeoutSeconds in production").ClickAsync();
            await application.FillValueAsync("Value in production", "integer", "15");
            await Expect(application.Button("Save override")).ToHaveCountAsync(0);
            await application.Button("Request change").ClickAsync();
            await a.GetByLabel("Why").FillAsync("The provider's p99 rose to 9 s; 10 s leaves no margin.");
            await application.Button("File change request").ClickAsync();
            await a.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            await Expect(a.GetByTestId("request-status")).ToHaveTextAsync("waiting for approval");
            var row = a.GetByTestId("diff-production").GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Payments:TimeoutSeconds" });
            await Expect(row.Locator("td.ca-before")).ToHaveTextAsync("10");
            await Expect(row.Locator("td.ca-after")).ToHaveTextAsync("15");
            await SaveScreenshotAsync(a, "change-request-open.png");

            // Editor B: the dashboard lists it for review; B approves it.
            var b = await SignedInAsync(bob);
            await Expect(b.GetByTestId("awaiting-review")).ToContainTextAsync("Set Payments:TimeoutSeconds in production");
            await SaveScreenshotAsync(b, "change-request-dashboard.png");
            await b.GetByTestId("awaiting-review").GetByRole(AriaRole.Link).First.ClickAsync();
            await b.GetByLabel("Your comment", new() { Exact = true }).FillAsync("Matches the provider's status page.");
            await b.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
            await Expect(b.GetByTestId("request-status")).ToHaveTextAsync("approved");

            // A's open page follows live, and A applies.
            await Expect(a.GetByTestId("request-status")).ToHaveTextAsync("approved");
            await Expect(a.GetByLabel("Approvals and comments")).ToContainTextAsync(bob);
            await a.GetByRole(AriaRole.Button, new() { Name = "Apply change request" }).ClickAsync();
            await Expect(a.GetByTestId("request-status")).ToHaveTextAsync("applied");
            await SaveScreenshotAsync(a, "change-request-applied.png");

            using var client = new HttpClient { BaseAddress = App.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
            Assert.Contains("\"Payments:TimeoutSeconds\":15", await client.GetStringAsync($"/v1/applications/{name}/config?environment=production"));
            await application.GotoAsync(name);
            await application.OpenTabAsync("Changes");
            await Expect(a.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Set Payments:TimeoutSeconds in production" })).ToContainTextAsync("applied");
            await SaveScreenshotAsync(a, "change-request-tab.png");
        }
        finally
        {
            // The collection shares one app: production goes back to what the other tests expect.
            await ProtectProductionAsync(0);
        }
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await NewPageAsync(signedIn: false);
        await SignInPageObject.SignInAsync(page, email, Password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        return page;
    }

    private Task ProtectProductionAsync(int approvals) => App.WithServicesAsync(async s =>
    {
        var envs = s.GetRequiredService<EnvironmentService>();
        await envs.UpdateAsync("production", (await envs.GetAsync("production")).ToInput() with { RequiredApprovals = approvals }, null);
    });
}
