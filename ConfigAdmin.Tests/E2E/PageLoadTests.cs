using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PageLoadTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task Dashboard_LoadsEverythingItAsksForIncludingItsIcon()
    {
        var page = await NewPageAsync();
        var missing = new List<string>();
        void Note(object? sender, IResponse response)
        {
            if (response.Status >= 400) missing.Add($"{response.Status} {response.Url}");
        }
        page.Response += Note;

        await page.GotoAsync("");
        await Expect(ThemeToggle(page, dark: false)).ToBeEnabledAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Response -= Note; // the page goes on to other tests (PagePool)

        Assert.Empty(missing);
        Assert.NotNull(await page.Locator("link[rel='icon']").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task UnknownAddress_GetsTheAppsOwn404PageInItsLayout()
    {
        var page = await NewPageAsync();

        var response = await page.GotoAsync("no/such/page");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing lives at this address." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
    }
}
