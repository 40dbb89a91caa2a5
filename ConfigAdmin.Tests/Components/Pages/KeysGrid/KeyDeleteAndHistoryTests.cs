using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>A key's row actions besides editing: delete (asked once, with progress) and its history.</summary>
[Trait("Category", "Unit")]
public sealed class KeyDeleteAndHistoryTests : KeysGridTestBase
{
    [Fact]
    public async Task DeleteKey_WhileDeleting_ShowsProgressAndCannotBeConfirmedTwice()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Old:Flag", ConfigValueType.Boolean, "true");
        var host = RenderTab();
        host.Find("button[aria-label='Delete Old:Flag']").Click();
        var confirm = host.WaitForElement("button[aria-label='Delete']");

        Gate.Close();
        confirm.Click();

        host.WaitForAssertion(() =>
        {
            var busy = host.Find("button[aria-label='Delete']");
            Assert.True(busy.HasAttribute("disabled"));
            Assert.Equal("true", busy.GetAttribute("aria-busy"));
            Assert.Contains("Deleting", busy.TextContent);
            var row = host.Find("button[aria-label='Delete Old:Flag']");
            Assert.True(row.HasAttribute("disabled"));
            Assert.Equal("true", row.GetAttribute("aria-busy"));
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.Contains("No keys yet", host.Markup));
        Assert.Equal(0, await Service<ConfigService>().CountAsync());
    }

    [Fact]
    public async Task DeleteKey_Confirmed_RemovesIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Old:Flag", ConfigValueType.Boolean, "true");
        var host = RenderTab();

        host.Find("button[aria-label='Delete Old:Flag']").Click();
        host.WaitForElement("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() => Assert.Contains("No keys yet", host.Markup));
        Assert.Equal(0, await Service<ConfigService>().CountAsync());
    }

    [Fact]
    public async Task HistoryOfAKey_FromItsRow_OpensItsChangesAndNoOtherKeys()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "10" }, null);
        await Data.KeyAsync("shop", "Other", value: "x");
        var host = RenderTab();

        host.Find("button[aria-label='History of Cache:Minutes']").Click();

        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".mud-dialog ol.ca-changelist > li").Count));
        Assert.All(host.FindAll(".mud-dialog ol.ca-changelist > li"), c => Assert.Equal("Cache:Minutes", c.GetAttribute("data-key")));
        Assert.Contains("History of Cache:Minutes", host.Find(".mud-dialog").TextContent);
    }
}
