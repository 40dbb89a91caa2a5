using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// A json key's schema in the browser: as the admin types a value, each violation shows under the field with its
/// pointer, and nothing is saved while one remains. Refreshes docs/screenshots/schema-violation.png.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class SchemaEditorTests(AppHostFixture app) : BrowserTestBase(app)
{
    private const string Schema = """
        {"type":"object","required":["count"],"additionalProperties":false,
         "properties":{"count":{"type":"integer","minimum":1},"backoff":{"type":"number"},"owner":{"type":"string","format":"email"}}}
        """;

    [Fact]
    public async Task JsonValue_TypedAgainstItsSchema_ShowsEachViolationUnderTheField_AndIsNotSaved()
    {
        var name = Unique("schemas");
        await App.WithServiceAsync<ApplicationService, ApplicationDto>(a => a.CreateAsync(new(name, null, "Payments team", "payments@example.com")));
        var key = await App.WithServiceAsync<ConfigService, ConfigDto>(c => c.CreateAsync(
            new(name, "Payments:Retry", ConfigValueType.Json, """{"count":3,"backoff":1.5}""", "How payment calls are retried.", Schema: Schema)));
        // Tall enough for the picture to show the schema above the value and its violations.
        var shop = new ApplicationPageObject(await NewPageAsync(1280, 1150));
        await shop.GotoAsync(name);

        await shop.Button("Edit Payments:Retry").ClickAsync();
        // The dialog puts the focus on its first field once open: type only after that, or the keys land there.
        await Expect(shop.Page.GetByLabel("Key", new() { Exact = true })).ToBeFocusedAsync();
        var field = shop.Page.GetByLabel("Default value", new() { Exact = true });
        await field.ClearAsync();
        await field.PressSequentiallyAsync("""{"count": "three", "backoff": 1.5, "owner": "payments-team", "retries": 2}""");

        var violations = shop.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "/count" });
        await Expect(violations).ToContainTextAsync("/count must be an integer (not a string).");
        await Expect(violations).ToContainTextAsync("/owner must be an email address.");
        await Expect(violations).ToContainTextAsync("/retries is not a property the schema allows.");
        await Expect(violations).Not.ToContainTextAsync("payments-team");
        await shop.Page.GetByLabel("Schema", new() { Exact = true }).ScrollIntoViewIfNeededAsync();
        await SaveScreenshotAsync(shop.Page, "schema-violation.png");

        await shop.Button("Save key").ClickAsync();
        await Expect(shop.Page.GetByText("Default value breaks the key's schema; see the violations under it.")).ToBeVisibleAsync();
        var stored = await App.WithServiceAsync<ConfigService, ConfigDto>(c => c.GetAsync(key.Id));
        Assert.Equal("""{"count":3,"backoff":1.5}""", stored.DefaultValue);
    }
}
