using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>One environment's value of a key, set from its cell in the grid.</summary>
[Trait("Category", "Components")]
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
}
