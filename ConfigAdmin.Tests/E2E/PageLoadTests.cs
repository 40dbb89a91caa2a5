using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class PageLoadTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task Dashboard_LoadsEverythingItAsksForIncludingItsIcon()
    {
        var page = await NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) missing.Add($"{response.Status} {response.Url}");
        };

        await page.GotoAsync("");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeEnabledAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(missing);
        Assert.NotNull(await page.Locator("link[rel='icon']").GetAttributeAsync("href"));
    }
}
