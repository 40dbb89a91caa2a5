using System.Text.Json;
using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Pages.Audit;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Controls;

[Trait("Category", "Unit")]
public sealed class AuditReadabilityTests : ComponentTestBase
{
    [Fact]
    public void AuditDiff_LabelsFields_SaysNotSetForNoValue_IndentsJsonSideBySide()
    {
        var before = JsonDocument.Parse("""{"key":"Retry","valueType":"json","defaultValue":null,"isSecret":false}""").RootElement;
        var after = JsonDocument.Parse("""{"key":"Retry","valueType":"json","defaultValue":"{\"count\":3,\"backoff\":[1,2,4],\"on\":\"failure\"}","isSecret":false}""").RootElement;

        var cut = Render<AuditDiff>(p => p.Add(d => d.Before, before).Add(d => d.After, after));

        Assert.Equal(["Key", "Type", "Default value", "Secret"], cut.FindAll("tbody th").Select(t => t.TextContent));
        var changed = cut.Find("tr.ca-changed");
        Assert.Equal("not set", changed.Children[1].TextContent.Trim());
        Assert.Contains("\n  \"backoff\": [", changed.Children[2].QuerySelector("pre")!.TextContent);
        Assert.DoesNotContain("null", cut.Markup);
    }

    [Fact]
    public void AuditDiff_Creation_MarksTheMissingSide()
    {
        var after = JsonDocument.Parse("""{"name":"shop","contactEmail":"t@example.com"}""").RootElement;

        var cut = Render<AuditDiff>(p => p.Add(d => d.After, after));

        Assert.Equal("Contact e-mail", cut.FindAll("tbody th")[1].TextContent);
        Assert.All(cut.FindAll("tbody tr"), r => Assert.Equal("—", r.Children[1].TextContent.Trim()));
    }

    [Fact]
    public void KeyName_WrapsOnlyAfterSeparators_NeverInsideAWord()
    {
        var cut = Render<KeyName>(p => p.Add(k => k.Key, "Payments:RetryBackoff.Max_Seconds"));

        Assert.Equal("<code class=\"ca-key \">Payments:<wbr>RetryBackoff.<wbr>Max_<wbr>Seconds<wbr></code>", cut.Markup.Trim());
    }

    [Fact]
    public async Task AuditPage_FiltersComeFromTheQueryString_AndAChangedFilterGoesBackIntoIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Alpha", value: "1");
        await Data.KeyAsync("shop", "Beta", value: "2", overrides: new() { ["staging"] = "3" });
        var navigation = Service<NavigationManager>();
        navigation.NavigateTo("/audit?key=beta&environment=staging");

        var host = RenderHosted<AuditPage>();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("td.ca-where")));
        Assert.Contains("staging", host.Find("td.ca-where").TextContent);
        Assert.Equal("beta", host.Find("input[aria-label='Filter by key']").GetAttribute("value"));
        host.Find("input[aria-label='Filter by actor']").Input("nobody");
        host.WaitForAssertion(() => Assert.EndsWith("/audit?key=beta&environment=staging&actor=nobody", navigation.Uri), TimeSpan.FromSeconds(5));
        host.WaitForAssertion(() => Assert.Contains("No changes match.", host.Markup));

        navigation.NavigateTo("/audit?key=alpha");

        host.WaitForAssertion(() => Assert.Contains("Alpha", host.Find("td.ca-where").TextContent));
        Assert.Equal("alpha", host.Find("input[aria-label='Filter by key']").GetAttribute("value"));
    }

    [Fact]
    public async Task AuditPage_ApplicationFilter_MatchesPartOfTheNameIgnoringCase()
    {
        await Data.AppAsync("checkout-api");
        await Data.AppAsync("catalog");
        var host = RenderHosted<AuditPage>();
        // Besides the two applications, the default environments' creation is in the log.
        host.WaitForAssertion(() => Assert.Equal(5, host.FindAll("td.ca-where").Count));

        host.Find("input[aria-label='Filter by application']").Input("CHECK");

        host.WaitForAssertion(() => Assert.Equal(["checkout-api"], host.FindAll("td.ca-where").Select(c => c.TextContent.Trim())),
            TimeSpan.FromSeconds(5));
    }
}
