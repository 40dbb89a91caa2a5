using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>A dialog opens with its first field focused (a confirmation, with its safe button), and says nothing is wrong before anything is typed.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class DialogFocusTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task NewEnvironment_OpensOnItsNameField_WithNoErrorShown()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("environments");
        await Button(page, "New environment").ClickAsync();

        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Dialog)).Not.ToContainTextAsync("required");
    }

    [Fact]
    public async Task NewApplication_OpensOnItsNameField()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("");
        await Button(page, "New application").ClickAsync();

        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".mud-input-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AddKeyAndDeletes_OpenOnTheFirstFieldOrTheSafeButton()
    {
        var name = await NewApplicationAsync("focus", (configs, app) => configs.CreateAsync(new(app, "Old:Flag", ConfigValueType.Boolean, "true", null)));
        var shop = new ApplicationPageObject(await NewPageAsync());
        await shop.GotoAsync(name);

        await shop.Button("Add key").ClickAsync();
        await Expect(shop.Page.GetByLabel("Key", new() { Exact = true })).ToBeFocusedAsync();
        await shop.Page.Keyboard.PressAsync("Escape");
        await Expect(shop.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await shop.Button("Delete Old:Flag").ClickAsync();
        await Expect(shop.Button("Cancel")).ToBeFocusedAsync();
        await shop.Button("Cancel").ClickAsync();
        await Expect(shop.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await shop.Button("Delete application").ClickAsync();
        await Expect(shop.Page.GetByLabel("Application name to confirm", new() { Exact = true })).ToBeFocusedAsync();
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
