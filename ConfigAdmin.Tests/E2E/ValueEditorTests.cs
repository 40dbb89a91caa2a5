using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>The value editors in the browser: checked on leaving the field, JSON with line and column, Format, monospace.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class ValueEditorTests(AppHostFixture app) : BrowserTestBase(app)
{
    private async Task<ApplicationPageObject> OpenNewApplicationAsync()
    {
        var name = Unique("editors");
        await App.WithServiceAsync<ApplicationService, ApplicationDto>(a => a.CreateAsync(new(name, null, "Team", "t@example.com")));
        var page = new ApplicationPageObject(await NewPageAsync());
        await page.GotoAsync(name);
        return page;
    }

    [Fact]
    public async Task JsonDefault_BrokenOnTheSecondLine_SaysWhereOnLeavingTheFieldAndFormatFixesTheLayout()
    {
        var shop = await OpenNewApplicationAsync();
        await shop.StartAddKeyAsync("Search:Boosts", "json", null);
        var field = shop.Page.GetByLabel("Default value", new() { Exact = true });
        Assert.Contains("monospace", await field.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"));

        await field.FillAsync("{\"title\": 3,\n  \"body\": }");
        await field.BlurAsync();
        await Expect(shop.Page.GetByText("must be well-formed JSON. Error at line 2, column 11.")).ToBeVisibleAsync();

        await field.FillAsync("""{"title":3,"body":[1,2]}""");
        await shop.Button("Format Default value").ClickAsync();
        await Expect(field).ToHaveValueAsync("{\n  \"title\": 3,\n  \"body\": [\n    1,\n    2\n  ]\n}");
        await Expect(shop.Page.GetByText("must be well-formed JSON")).ToHaveCountAsync(0);
        await shop.Button("Create key").ClickAsync();
        await Expect(shop.Button("Create key")).ToHaveCountAsync(0);
        await Expect(shop.Cell("Search:Boosts")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task IntegerOverride_LettersTyped_AreRefusedOnLeavingTheField()
    {
        var shop = await OpenNewApplicationAsync();
        await shop.AddKeyAsync("Retry:Count", "integer", "3");
        await shop.Button("Set Retry:Count in production").ClickAsync();
        var field = shop.Page.GetByLabel("Value in production", new() { Exact = true });

        await field.FillAsync("12abc");
        await field.BlurAsync();

        await Expect(shop.Page.GetByText("must be a 64-bit integer").First).ToBeVisibleAsync();
        await field.FillAsync("12");
        await field.BlurAsync();
        await Expect(shop.Page.GetByText("must be a 64-bit integer")).ToHaveCountAsync(0);
        await shop.Button("Save override").ClickAsync();
        await Expect(shop.EnvironmentCell("Retry:Count", "production")).ToContainTextAsync("12");
    }

    [Fact]
    public async Task OverrideDialog_EnterInItsOneField_SavesIt()
    {
        var shop = await OpenNewApplicationAsync();
        await shop.AddKeyAsync("Greeting", "string", "hello");
        await shop.Button("Set Greeting in production").ClickAsync();

        var field = shop.Page.GetByLabel("Value in production", new() { Exact = true });
        await field.FillAsync("hello, customers");
        await field.PressAsync("Enter");

        await Expect(shop.Button("Save override")).ToHaveCountAsync(0);
        await Expect(shop.EnvironmentCell("Greeting", "production")).ToContainTextAsync("hello, customers");
    }
}
