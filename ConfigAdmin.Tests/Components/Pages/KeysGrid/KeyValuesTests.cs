using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>What each cell of the keys grid shows: inherited defaults muted, overrides marked in words, secrets masked until revealed, and no control that writes for a viewer.</summary>
[Trait("Category", "Unit")]
public sealed class KeyValuesTests : KeysGridTestBase
{
    [Fact]
    public async Task Render_KeyWithOneOverride_ShowsInheritedDefaultsMutedAndTheOverrideNot()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });

        var host = RenderTab();

        var production = host.Find("td[data-label='production'] .ca-value");
        Assert.Contains("60", production.TextContent);
        Assert.DoesNotContain("ca-muted", production.ClassName);
        var staging = host.Find("td[data-label='staging'] .ca-value");
        Assert.Contains("5", staging.TextContent);
        Assert.Contains("ca-muted", staging.ClassName);
        Assert.Equal("Inherited from the default: 5", staging.GetAttribute("title"));
    }

    [Fact]
    public async Task Render_OverridesThatDifferFromTheDefault_AreMarkedInWordsNotColourAlone()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5",
            overrides: new() { ["production"] = "60", ["staging"] = "5" });
        await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod" });

        var host = RenderTab();

        var row = host.FindAll("tr").Single(r => r.TextContent.Contains("Cache:Minutes"));
        Assert.Equal("Differs from the default", row.QuerySelector("td[data-label='production'] .ca-differs .ca-sr-only")?.TextContent);
        Assert.Null(row.QuerySelector("td[data-label='staging'] .ca-differs"));
        Assert.Null(row.QuerySelector("td[data-label='development'] .ca-differs"));
        var secret = host.FindAll("tr").Single(r => r.TextContent.Contains("Db:Password"));
        Assert.Contains("not compared", secret.QuerySelector("td[data-label='production'] .ca-differs")?.TextContent);
    }

    [Fact]
    public async Task Render_LongJsonDefault_ShowsOneShortLineWithTheWholeValueOnHover()
    {
        await Data.AppAsync();
        var json = "{\"endpoints\":[\"https://eu.example.com/api\",\"https://us.example.com/api\"],\"timeoutSeconds\":30,\"retry\":3}";
        await Data.KeyAsync("shop", "Upstreams", ConfigValueType.Json, json);

        var host = RenderTab();

        var cell = host.Find("td[data-label='Default'] .ca-value");
        Assert.Equal(json, cell.GetAttribute("title"));
        Assert.True(cell.TextContent.Length <= 80, cell.TextContent);
        Assert.Equal("Inherited from the default: " + json, host.Find("td[data-label='production'] .ca-value").GetAttribute("title"));
    }

    [Fact]
    public async Task Render_SecretKey_MasksEveryValueUntilOneIsRevealed()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true, overrides: new() { ["production"] = "prod-secret" });

        var host = RenderTab();

        Assert.DoesNotContain("dev-secret", host.Markup);
        Assert.DoesNotContain("prod-secret", host.Markup);
        host.Find("button[aria-label='Reveal Db:Password in production']").Click();
        host.WaitForAssertion(() => Assert.Contains("prod-secret", host.Find("td[data-label='production']").TextContent));
        Assert.DoesNotContain("dev-secret", host.Markup);
    }

    [Fact]
    public async Task Render_KeyWithoutDefault_SaysNotSetWhereNothingIsInherited()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Only:Prod", value: null, overrides: new() { ["production"] = "p" });

        var host = RenderTab();

        Assert.Equal("not set", host.Find("td[data-label='staging'] .ca-muted").TextContent);
        Assert.Contains("p", host.Find("td[data-label='production'] .ca-value").TextContent);
    }

    [Fact]
    public async Task RevealSecret_HideAgain_MasksItWithoutAskingTwice()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true);
        var host = RenderTab();

        host.Find("button[aria-label='Reveal Db:Password default']").Click();
        host.WaitForAssertion(() => Assert.Contains("dev-secret", host.Markup));
        host.Find("button[aria-label='Hide Db:Password default']").Click();

        host.WaitForAssertion(() => Assert.DoesNotContain("dev-secret", host.Markup));
        Assert.NotNull(host.Find("button[aria-label='Reveal Db:Password default']"));
    }

    [Fact]
    public async Task Render_ForAViewer_OffersNoControlThatWritesOrReveals()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true);

        var host = RenderTab(access: new PageAccess(Role.Viewer, IsGlobalAdmin: false));

        Assert.Contains("Db:Password", host.Markup);
        Assert.Empty(host.FindAll("button[aria-label='Add key']"));
        Assert.Empty(host.FindAll("button[aria-label^='Set Db:Password']"));
        Assert.Empty(host.FindAll("button[aria-label='Edit Db:Password'], button[aria-label='Delete Db:Password']"));
        Assert.Empty(host.FindAll("button[aria-label^='Reveal ']"));
    }

    [Fact]
    public async Task Legend_SaysWhatTheMarksMean_AndWhatTheTintMeansWhileComparing()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });

        var host = RenderTab();

        var legend = host.Find("[data-testid='keys-legend']").TextContent;
        Assert.Contains("≠ differs from the default", legend);
        Assert.Contains("inherited from the default", legend);
        Assert.DoesNotContain("tinted", legend);
        host.Find("button[aria-label='Compare with production']").Click();
        host.WaitForAssertion(() => Assert.Contains("tinted: differs from production", host.Find("[data-testid='keys-legend']").TextContent));
    }
}
