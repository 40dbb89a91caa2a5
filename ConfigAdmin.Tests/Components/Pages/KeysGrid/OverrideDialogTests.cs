using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>One environment's value of a key, set from its cell in the grid.</summary>
[Trait("Category", "Unit")]
public sealed class OverrideDialogTests : KeysGridTestBase
{
    [Fact]
    public async Task OverrideDialog_InvalidJson_ShowsTheJsonCheckAndStoresNothing()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Search:Boosts", ConfigValueType.Json, """{"title":3}""");
        var host = RenderTab();

        host.Find("button[aria-label='Set Search:Boosts in staging']").Click();
        host.WaitForElement("textarea[aria-label='Value in staging']").Change("{\"title\":");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("Value must be well-formed JSON.", host.Markup));
        Assert.Empty((await Service<ConfigService>().GetAsync(key.Id)).Overrides);
    }

    [Fact]
    public async Task OverrideDialog_ValidNumber_SetsTheOverride()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Retry:Backoff", ConfigValueType.Number, "1.5");
        var host = RenderTab();

        host.Find("button[aria-label='Set Retry:Backoff in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Input("2.25");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("2.25", host.Find("td[data-label='production'] .ca-value").TextContent));
        Assert.Equal("2.25", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
    }

    [Fact]
    public async Task OverrideDialog_SubmittedFromItsField_SavesAsTheButtonDoes()
    {
        // The browser submits a one-field form on Enter (E2E/ValueEditorTests covers the key press itself).
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderTab();

        host.Find("button[aria-label='Set Greeting in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Change("hello, customers");
        host.Find("form.ca-dialog-form").Submit();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save override']")));
        Assert.Equal("hello, customers", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
    }

    [Fact]
    public async Task RemoveOverride_OffersUndo_WhichPutsItBack()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod-secret" });
        var host = RenderTab();

        host.Find("button[aria-label='Set Db:Password in production']").Click();
        host.WaitForElement("button[aria-label='Remove override']").Click();

        host.WaitForAssertion(() => Assert.Contains("inherits the default again", host.Find(".mud-snackbar").TextContent));
        Assert.Empty((await Service<ConfigService>().GetAsync(key.Id)).Overrides);
        host.FindAll(".mud-snackbar button").Single(b => b.TextContent.Trim() == "Undo").Click();

        host.WaitForAssertion(() => Assert.Contains("is back", host.Markup));
        Assert.Equal("prod-secret", (await Service<ConfigService>().RevealAsync(key.Id)).Overrides["production"]);
        host.WaitForAssertion(() => Assert.NotNull(host.Find("td[data-label='production'] .ca-differs")));
    }

    [Fact]
    public async Task OverrideDialog_NotAnInteger_SaysSoInWords()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Pool:Size", ConfigValueType.Integer, "10");
        var host = RenderTab();

        host.Find("button[aria-label='Set Pool:Size in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Input("ten");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("Value must be a 64-bit integer", host.Markup));
        Assert.DoesNotContain("'Value'", host.Markup);
    }
}
