using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class EnvironmentsTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task DeleteEnvironmentInUse_SaysWhichKeysUseItAndOffersNoDelete()
    {
        var env = Unique("env");
        var name = Unique("envuser");
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<EnvironmentService>().CreateAsync(new(env, "temporary", 99));
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await s.GetRequiredService<ConfigService>().CreateAsync(new(name, "A", ConfigValueType.String, "x", null,
                Overrides: new Dictionary<string, string?> { [env] = "y" }));
        });
        var page = await NewPageAsync();
        await page.GotoAsync("environments");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {env}", Exact = true }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"'{env}' is used by 1 override");
        await Expect(dialog.GetByRole(AriaRole.List, new() { Name = $"Keys with an override in {env}" })).ToContainTextAsync($"{name} A");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToHaveCountAsync(0);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.Equal(env, (await App.WithServiceAsync<EnvironmentService, EnvironmentDto>(e => e.GetAsync(env))).Name);
    }
}
