using Bunit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>
/// A json key's schema in the key dialog: the value editors show each violation as the admin types, checked by the
/// server's own code before anything is sent; the schema field shows its own faults; a starter schema is inferred from
/// the current value; a new schema and the values that meet it are saved in one write.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KeySchemaTests : KeysGridTestBase
{
    private const string Retry = """{"type":"object","required":["count"],"properties":{"count":{"type":"integer","minimum":1},"owner":{"format":"email"}}}""";

    private static readonly TimeSpan Typing = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ValueEditor_ShowsEachViolationWithItsPointer_AsTheAdminTypes_AndNothingIsSavedUntilTheyAreGone()
    {
        await Data.AppAsync();
        var key = await Service<ConfigService>().CreateAsync(new("shop", "Retry", ConfigValueType.Json, """{"count":3}""", null, Schema: Retry));
        var host = RenderTab();

        host.Find("button[aria-label='Edit Retry']").Click();
        host.WaitForElement("textarea[aria-label='Default value']").Input("""{"count":"three","owner":"ops-at-example"}""");

        host.WaitForAssertion(() =>
        {
            var faults = host.Find("div[aria-label='Default value: schema violations']").TextContent;
            Assert.Contains("/count must be an integer (not a string).", faults);
            Assert.Contains("/owner must be an email address.", faults);
            Assert.DoesNotContain("ops-at-example", faults);
        }, Typing);
        host.Find("button[aria-label='Save key']").Click();
        host.WaitForAssertion(() => Assert.Contains("Default value breaks the key's schema; see the violations under it.", host.Markup), Typing);
        Assert.Equal("""{"count":3}""", (await Service<ConfigService>().GetAsync(key.Id)).DefaultValue);

        host.Find("textarea[aria-label='Default value']").Input("""{"count":4,"owner":"ops@example.com"}""");
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("div[aria-label='Default value: schema violations']")), Typing);
        host.Find("button[aria-label='Save key']").Click();
        host.WaitForAssertion(() => Assert.Contains("Key 'Retry' saved.", host.Markup), Typing);
        Assert.Equal("""{"count":4,"owner":"ops@example.com"}""", (await Service<ConfigService>().GetAsync(key.Id)).DefaultValue);
    }

    [Fact]
    public async Task SchemaField_ShowsTheSchemasOwnFaults_WithPointersIntoIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Retry", ConfigValueType.Json, """{"count":3}""");
        var host = RenderTab();

        host.Find("button[aria-label='Edit Retry']").Click();
        host.WaitForElement("textarea[aria-label='Schema']").Input("""{"properties":{"count":{"type":"int"},"next":{"$ref":"https://example.com/s.json"}}}""");

        host.WaitForAssertion(() =>
        {
            var faults = host.Find("div[aria-label='Schema faults']").TextContent;
            Assert.Contains("/properties/count/type must be one of array, boolean, integer, null, number, object, string", faults);
            Assert.Contains("/properties/next/$ref 'https://example.com/s.json' refers outside this schema", faults);
        }, Typing);
    }

    [Fact]
    public async Task InferredSchema_ShowsWhichOverrideBreaksIt_AndTheSchemaAndTheFixedValueAreSavedInOneWrite()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Retry", ConfigValueType.Json, """{"count":3}""", overrides: new() { ["production"] = """{"count":"three"}""" });
        var revisions = (await Service<HistoryService>().RevisionsAsync(key.Id)).Count;
        var host = RenderTab();

        host.Find("button[aria-label='Edit Retry']").Click();
        host.WaitForElement("button[aria-label='Infer schema from the current value']").Click();

        host.WaitForAssertion(() => Assert.Contains("\"count\": {", host.Find("textarea[aria-label='Schema']").GetAttribute("value") ?? host.Find("textarea[aria-label='Schema']").TextContent), Typing);
        host.WaitForAssertion(() => Assert.Contains("/count must be an integer (not a string).",
            host.Find("div[aria-label='Value in production: schema violations']").TextContent), Typing);
        host.Find("textarea[aria-label='Value in production']").Input("""{"count":4}""");
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("div[aria-label='Value in production: schema violations']")), Typing);
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Contains("Key 'Retry' saved.", host.Markup), Typing);
        var stored = await Service<ConfigService>().GetAsync(key.Id);
        Assert.Equal("""{"count":4}""", stored.Overrides["production"]);
        Assert.Contains("\"required\":[\"count\"]", stored.Schema);
        Assert.Equal(revisions + 1, (await Service<HistoryService>().RevisionsAsync(key.Id)).Count);
    }
}
