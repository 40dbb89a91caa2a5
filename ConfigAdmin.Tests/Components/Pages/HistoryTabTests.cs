using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class HistoryTabTests : ComponentTestBase
{
    [Fact]
    public async Task ViewThenAndRestore_ShowsTheMomentBesideNow_PreviewsAndBringsItBack()
    {
        await Data.AppAsync();
        var mode = await Data.KeyAsync("shop", "Mode", value: "a", overrides: new() { ["production"] = "p1" });
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "80");
        await RealTime.MomentBetweenWritesAsync(); // the moment after Port stays apart from the next change's
        await Service<ConfigService>().SetOverrideAsync(mode.Id, "production", "p2", null);
        await Data.KeyAsync("shop", "Extra", value: "e");
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));

        host.WaitForElement("button[aria-label^='View the configuration after the change to Port']").Click();

        host.WaitForAssertion(() =>
        {
            var changed = host.Find("[aria-label='Configuration then and now'] tr[data-key='Mode']");
            Assert.Equal("changed", changed.GetAttribute("data-status"));
            Assert.Contains("p1", changed.Children[1].TextContent);
            Assert.Contains("p2", changed.Children[2].TextContent);
            Assert.Equal("added", host.Find("tr[data-key='Extra']").GetAttribute("data-status"));
        });
        Assert.Empty(host.FindAll("tr[data-key='Port']"));

        host.Find("button[aria-label='Restore to this moment']").Click();
        host.WaitForAssertion(() => Assert.Equal("1 changed · 1 removed · 1 unchanged", host.Find("[data-testid='changeset-summary']").TextContent));
        Assert.Contains("p1", host.Find(".mud-dialog li[data-key='Mode'] tr[data-field='overrides.production']").TextContent);
        host.Find("button[aria-label='Restore']").Click();

        host.WaitForAssertion(() => Assert.Contains("Restored shop to", host.Markup));
        host.WaitForAssertion(() => Assert.Contains("the same now", host.Find("[data-testid='moment-summary']").TextContent));
        var keys = (await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items;
        Assert.Equal(["Mode", "Port"], keys.Select(k => k.Key));
        Assert.Equal("p1", keys[0].Overrides["production"]);
    }

    [Fact]
    public async Task AKeyWhoseSchemaChangedSince_ShowsAsChanged_WithItsValueTheSame_AndSaysWhy()
    {
        await Data.AppAsync();
        var shaped = await Data.KeyAsync("shop", "Shaped", ConfigValueType.Json, """{"n":1}""");
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "80");
        await Task.Delay(20);
        await Service<ConfigService>().UpdateAsync(shaped.Id, shaped.ToUpdateInput() with { Schema = """{"type":"object"}""" }, null);
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));

        host.WaitForElement("button[aria-label^='View the configuration after the change to Port']").Click();

        host.WaitForAssertion(() =>
        {
            var row = host.Find("[aria-label='Configuration then and now'] tr[data-key='Shaped']");
            Assert.Equal("changed", row.GetAttribute("data-status"));
            Assert.Equal(row.Children[1].TextContent, row.Children[2].TextContent);
            Assert.Equal("schema changed", row.QuerySelector("[data-testid='schema-changed']")?.TextContent);
        });
        Assert.Empty(host.FindAll("tr[data-key='Port'] [data-testid='schema-changed']"));
    }

    [Fact]
    public async Task Revert_FromTheChangeList_PreviewsTheFieldAndPutsTheKeyBack()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "hi" }, key.Version);
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));
        var updated = host.WaitForElement("li.ca-change:first-child");
        Assert.Contains("updated", updated.TextContent);

        updated.QuerySelector("button[aria-label^='Revert the change to Greeting']")!.Click();
        host.WaitForAssertion(() =>
        {
            var row = host.Find(".mud-dialog li[data-key='Greeting'] tr[data-field='defaultValue']");
            Assert.Equal(["Default value", "hi", "hello"], row.Children.Select(c => c.TextContent.Trim()));
        });
        host.Find(".mud-dialog button[aria-label='Revert']").Click();

        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("ol.ca-changelist > li").Count));
        Assert.Equal("hello", (await Service<ConfigService>().GetAsync(key.Id)).DefaultValue);
        Assert.Contains("Reverted the change to 'Greeting'", host.Markup);
    }

    [Fact]
    public async Task Revert_OfAKeysCreation_SaysItDeletesTheKey_AndPreviewsTheRemovalBeforeApplying()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));

        host.WaitForElement("button[aria-label^='Revert the change to Greeting']").Click();

        host.WaitForAssertion(() => Assert.Equal("1 removed", host.Find(".mud-dialog [data-testid='changeset-summary']").TextContent));
        Assert.Contains("'Greeting' was created at", host.Find(".mud-dialog").TextContent);
        Assert.Contains("reverting deletes it", host.Find(".mud-dialog").TextContent);
        Assert.Equal("hello", (await Service<ConfigService>().GetAsync(key.Id)).DefaultValue);

        host.Find(".mud-dialog button[aria-label='Revert']").Click();

        host.WaitForAssertion(() => Assert.Contains("Reverted the change to 'Greeting'", host.Markup));
        Assert.Empty((await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items);
    }

    [Fact]
    public async Task Viewer_SeesTheHistory_ButNoRevertOrRestore()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Greeting", value: "hello");
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));

        host.WaitForElement("button[aria-label^='View the configuration after the change to Greeting']").Click();

        host.WaitForAssertion(() => Assert.Contains("the same now", host.Find("[data-testid='moment-summary']").TextContent));
        Assert.Empty(host.FindAll("button[aria-label^='Revert']"));
        Assert.Empty(host.FindAll("button[aria-label='Restore to this moment']"));
    }

    [Fact]
    public async Task KeyFilter_NarrowsTheChangesAndTheAuditToThatKey()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Alpha", value: "1");
        await Data.KeyAsync("shop", "Beta", value: "2", overrides: new() { ["staging"] = "3" });
        var host = RenderHosted<HistoryTab>(p => p.Add(t => t.Application, "shop"));
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("ol.ca-changelist > li").Count));

        host.Find("input[aria-label='History of key']").Input("beta");

        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Beta"], host.FindAll("ol.ca-changelist > li").Select(l => l.GetAttribute("data-key")));
            var where = host.FindAll("[aria-label='Audit entries'] td.ca-where").Select(c => c.TextContent).ToList();
            Assert.Equal(2, where.Count);
            Assert.All(where, w => Assert.Contains("Beta", w));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ApplicationPage_TabInTheQueryString_OpensHistory_AndAnotherTabGoesIntoTheUrl()
    {
        await Data.AppAsync();
        var navigation = Service<NavigationManager>();
        navigation.NavigateTo("/applications/shop?tab=history");
        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));

        host.WaitForAssertion(() => Assert.Contains("Point in time", host.Markup));
        host.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Resolved").Click();

        host.WaitForAssertion(() => Assert.EndsWith("/applications/shop?tab=resolved", navigation.Uri));
        host.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Clients").Click();
        host.WaitForAssertion(() => Assert.EndsWith("/applications/shop?tab=clients", navigation.Uri));
        host.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Configs").Click();
        host.WaitForAssertion(() => Assert.EndsWith("/applications/shop", navigation.Uri));
    }
}
