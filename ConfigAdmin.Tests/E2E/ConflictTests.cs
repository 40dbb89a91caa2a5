using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class ConflictTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task TwoAdminsEditTheSameKey_TheSecondGetsTheConflictDialogAndCanOverwrite()
    {
        var name = Unique("race");
        var id = Guid.Empty;
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            id = (await s.GetRequiredService<ConfigService>().CreateAsync(new(name, "Greeting", ConfigValueType.String, "hello", null))).Id;
        });
        var first = new ApplicationPageObject(await NewPageAsync());
        var second = new ApplicationPageObject(await NewPageAsync());
        await first.GotoAsync(name);
        await second.GotoAsync(name);
        await first.OpenEditAsync("Greeting");
        await second.OpenEditAsync("Greeting");

        await first.FillDescriptionAndSaveAsync("from the first admin");
        await Expect(first.Button("Save key")).ToHaveCountAsync(0);
        await second.FillDescriptionAndSaveAsync("from the second admin");

        await Expect(second.Page.GetByText("Someone else changed key 'Greeting'")).ToBeVisibleAsync();
        await second.Button("Overwrite").ClickAsync();
        await Expect(second.Button("Save key")).ToHaveCountAsync(0);
        var stored = await App.WithServiceAsync<ConfigService, ConfigDto>(c => c.GetAsync(id));
        Assert.Equal("from the second admin", stored.Description);
    }
}
