using System.Text.Json;
using System.Text.Json.Nodes;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class AdminFlowTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task CreateApplication_KeysOfEveryTypeAndAProductionOverride_ReachTheResolvedTabAndTheClientRead()
    {
        var name = Unique("shop");
        var page = await NewPageAsync();
        var applications = new ApplicationsPageObject(page);
        await applications.GotoAsync();

        var shop = await applications.CreateAsync(name, "Shop team", "shop@example.com");
        await shop.AddKeyAsync("Greeting", "string", "hello");
        await shop.AddKeyAsync("Limits:Max", "integer", "42");
        await shop.AddKeyAsync("Ratio", "number", "0.5");
        await shop.AddKeyAsync("Feature:On", "boolean", "true");
        await shop.AddKeyAsync("Boosts", "json", """{"a":1}""");
        await shop.SetOverrideAsync("Limits:Max", "production", "integer", "100");
        await Expect(shop.EnvironmentCell("Limits:Max", "production")).ToContainTextAsync("100");
        await Expect(shop.EnvironmentCell("Limits:Max", "staging").Locator(".ca-muted")).ToContainTextAsync("42");

        await shop.OpenTabAsync("Resolved");
        const string expected = """{"Boosts":{"a":1},"Feature:On":true,"Greeting":"hello","Limits:Max":100,"Ratio":0.5}""";
        // Shown indented for reading: the same document as the client's, token for token.
        await Expect(shop.ResolvedJson).ToContainTextAsync("\"Limits:Max\": 100");
        var shown = JsonNode.Parse((await shop.ResolvedJson.TextContentAsync())!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), shown));

        using var http = App.CreateHttpClient();
        var body = await http.GetStringAsync($"/v1/applications/{name}/config?environment=production");
        Assert.Equal(expected, body);
        Assert.Equal(100, JsonDocument.Parse(body).RootElement.GetProperty("Limits:Max").GetInt32());
    }

    [Fact]
    public async Task EditKey_ThenHistoryTab_ShowsTheUpdateWithTheChangedField()
    {
        var name = Unique("history");
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ConfigAdmin.Core.Applications.ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await s.GetRequiredService<ConfigAdmin.Core.Configs.ConfigService>()
                .CreateAsync(new(name, "Greeting", ConfigAdmin.Core.Configs.ConfigValueType.String, "hello", null));
        });
        var page = await NewPageAsync();
        var shop = new ApplicationPageObject(page);
        await shop.GotoAsync(name);

        await shop.EditDescriptionAsync("Greeting", "Shown on the home page");
        await shop.OpenTabAsync("History");

        var update = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "updated config" });
        await Expect(update).ToHaveCountAsync(1);
        await Expect(update.Locator("tr.ca-changed")).ToContainTextAsync("Shown on the home page");
    }
}
