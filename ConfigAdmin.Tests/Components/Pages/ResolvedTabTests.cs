using System.Text.Json.Nodes;
using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ResolvedTabTests : ComponentTestBase
{
    private IRenderedComponent<TestHost> RenderTab(PageAccess? access = null)
    {
        var host = RenderHosted<ResolvedTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(access ?? new PageAccess(Role.Editor, IsGlobalAdmin: false)));
        host.WaitForElement("[data-testid='resolved-json']");
        return host;
    }

    private static string Shown(IRenderedComponent<TestHost> host) => host.Find("[data-testid='resolved-json']").TextContent;

    [Fact]
    public async Task Render_ManyKeys_SourcesShowTheFirstRowsAndGrowOnDemand_TheJsonHasThemAll()
    {
        await Data.AppAsync();
        await Data.ManyKeysAsync("shop", MoreRows.Step * 2 + 50);

        var host = RenderTab();

        Assert.Equal(MoreRows.Step * 2 + 50, JsonNode.Parse(Shown(host))!.AsObject().Count);
        Assert.Equal(MoreRows.Step, host.FindAll("[aria-label='Sources'] tbody tr").Count);
        Assert.Contains($"Show {MoreRows.Step} more ({MoreRows.Step} of {MoreRows.Step * 2 + 50} shown)", host.Find("[data-testid='more-rows']").TextContent);
        host.Find("[data-testid='more-rows']").Click();
        host.Find("[data-testid='more-rows']").Click();
        Assert.Equal(MoreRows.Step * 2 + 50, host.FindAll("[aria-label='Sources'] tbody tr").Count);
        Assert.Contains("Key449", host.FindAll("[aria-label='Sources'] tbody tr")[^1].TextContent);
        Assert.Empty(host.FindAll("[data-testid='more-rows']"));
    }

    [Fact]
    public async Task Render_Production_ShowsTheClientsJsonIndentedWithCurlAndEachSource()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });
        await Data.KeyAsync("shop", "Feature", ConfigValueType.Boolean, "true");

        var host = RenderTab();

        Assert.Equal("{\n  \"Cache:Minutes\": 60,\n  \"Feature\": true\n}", Shown(host).ReplaceLineEndings("\n"));
        Assert.Equal("curl -s -H \"Authorization: Bearer $KEY\" 'http://localhost/v1/applications/shop/config?environment=production'",
            host.Find("pre[aria-label='curl command']").TextContent);
        Assert.Contains("Set KEY to an API key that may read production", host.Find("[data-testid='curl-key-hint']").TextContent);
        var rows = host.FindAll("[aria-label='Sources'] tbody tr");
        Assert.Contains("production", rows[0].TextContent);
        Assert.Contains("default", rows[1].TextContent);
    }

    [Fact]
    public async Task CopyJson_SecretNotRevealed_CopiesWhatIsShownAndNoClearValueReachesTheBrowser()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "8080", secret: true);
        var host = RenderTab();

        host.Find("button[aria-label='Copy JSON']").Click();

        var copied = (string)JSInterop.VerifyInvoke("configAdmin.copy").Arguments[0]!;
        Assert.Equal(Shown(host), copied);
        Assert.Equal("***", JsonNode.Parse(copied)!["ApiKey"]!.GetValue<string>());
        Assert.Equal("***", JsonNode.Parse(copied)!["Port"]!.GetValue<string>());
        Assert.DoesNotContain("live-key", host.Markup);
        Assert.DoesNotContain("8080", host.Markup);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Arguments.Any(a => a?.ToString()?.Contains("live-key") == true));
    }

    [Fact]
    public async Task ShowSecretValues_Revealed_ShowsAndCopiesTheClearDocumentAndHidesAgain()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);
        var host = RenderTab();

        host.Find("input[aria-label='Show secret values']").Change(true);
        host.WaitForAssertion(() => Assert.Contains("live-key", Shown(host)));
        host.Find("button[aria-label='Copy JSON']").Click();

        var copied = (string)JSInterop.VerifyInvoke("configAdmin.copy").Arguments[0]!;
        Assert.Equal(Shown(host), copied);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ApiKey":"live-key"}"""), JsonNode.Parse(copied)));
        host.Find("input[aria-label='Show secret values']").Change(false);
        host.WaitForAssertion(() => Assert.DoesNotContain("live-key", host.Markup));
    }

    [Fact]
    public async Task Render_SecretKey_ForAViewer_OffersNoWayToShowIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);

        var host = RenderTab(new PageAccess(Role.Viewer, IsGlobalAdmin: false));

        Assert.Equal("***", JsonNode.Parse(Shown(host))!["ApiKey"]!.GetValue<string>());
        Assert.Empty(host.FindAll("input[aria-label='Show secret values']"));
        Assert.DoesNotContain("live-key", host.Markup);
    }
}
