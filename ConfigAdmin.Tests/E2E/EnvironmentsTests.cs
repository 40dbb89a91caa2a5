using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class EnvironmentsTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task DeleteEnvironmentInUse_IsRefusedWithAClearMessage()
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
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "still used by 1 override" }).First).ToBeVisibleAsync();
        Assert.Equal(env, (await App.WithServiceAsync<EnvironmentService, EnvironmentDto>(e => e.GetAsync(env))).Name);
    }
}
