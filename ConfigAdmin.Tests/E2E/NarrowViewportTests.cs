using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class NarrowViewportTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task At390PixelsWide_AnAdminCanStillAddAKey()
    {
        var name = Unique("phone");
        await App.WithServiceAsync<ApplicationService, ApplicationDto>(a => a.CreateAsync(new(name, null, "Team", "t@example.com")));
        var shop = new ApplicationPageObject(await NewPageAsync(width: 390, height: 844));
        await shop.GotoAsync(name);

        await shop.AddKeyAsync("Mobile:Timeout", "integer", "15");

        var keys = await App.WithServiceAsync<ConfigService, ConfigAdmin.Core.Common.PagedResult<ConfigDto>>(
            c => c.ListAsync(new ConfigQuery(Application: name)));
        var key = Assert.Single(keys.Items);
        Assert.Equal(("Mobile:Timeout", "15"), (key.Key, key.DefaultValue));
    }
}
