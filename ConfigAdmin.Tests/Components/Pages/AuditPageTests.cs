using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Audit;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class AuditPageTests : ComponentTestBase
{
    [Fact]
    public async Task Render_AfterAnUpdate_ShowsBeforeAndAfterWithTheChangedFieldHighlighted()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "hi" }, key.Version);

        var host = RenderHosted<AuditPage>();

        host.WaitForAssertion(() => Assert.Contains("updated config", host.Markup));
        var changed = host.FindAll("table.ca-diff tr.ca-changed");
        Assert.Contains(changed, r => r.TextContent.Contains("Default value") && r.TextContent.Contains("hello") && r.TextContent.Contains("hi"));
        Assert.Contains(host.FindAll("table.ca-diff tr[data-changed='false']"), r => r.TextContent.Contains("Key"));
    }

    [Fact]
    public async Task Filter_ByActorAndAction_NarrowsTheEntries()
    {
        await Data.AppAsync();
        var host = RenderHosted<AuditPage>();
        host.WaitForAssertion(() => Assert.Contains("created application", host.Markup));

        host.Find("input[aria-label='Filter by actor']").Input("somebody-else");

        host.WaitForAssertion(() => Assert.Contains("No changes match.", host.Markup), TimeSpan.FromSeconds(5));
        host.Find("input[aria-label='Filter by actor']").Input(Admin.Name);
        host.WaitForAssertion(() => Assert.Contains("created application", host.Markup), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Filter_DateRangeExcludingToday_ShowsNothing()
    {
        await Data.AppAsync();
        var host = RenderHosted<AuditPage>();
        host.WaitForAssertion(() => Assert.Contains("created application", host.Markup));

        host.Find("input[aria-label='To date']").Change(DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"));

        host.WaitForAssertion(() => Assert.Contains("No changes match.", host.Markup));
    }
}
