using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Components")]
public sealed class ResolvedTabTests : ComponentTestBase
{
    [Fact]
    public async Task Render_Production_ShowsTheClientsJsonCurlAndEachSource()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });
        await Data.KeyAsync("shop", "Feature", ConfigValueType.Boolean, "true");

        var host = RenderHosted<ResolvedTab>(p => p.Add(t => t.Application, "shop"));

        host.WaitForAssertion(() =>
            Assert.Equal("""{"Cache:Minutes":60,"Feature":true}""", host.Find("[data-testid='resolved-json']").TextContent));
        Assert.Contains("/v1/applications/shop/config?environment=production", host.Find("pre[aria-label='curl command']").TextContent);
        var rows = host.FindAll("[aria-label='Sources'] tbody tr");
        Assert.Contains("production", rows[0].TextContent);
        Assert.Contains("default", rows[1].TextContent);
    }

    [Fact]
    public async Task Render_SecretKey_MasksItUntilShownAndCopyCopiesTheExactDocument()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);
        var host = RenderHosted<ResolvedTab>(p => p.Add(t => t.Application, "shop"));
        host.WaitForAssertion(() => Assert.Contains("***", host.Find("[data-testid='resolved-json']").TextContent));
        Assert.DoesNotContain("live-key", host.Markup);

        host.Find("button[aria-label='Copy JSON']").Click();

        Assert.Equal("""{"ApiKey":"live-key"}""", JSInterop.VerifyInvoke("configAdmin.copy").Arguments[0]);
    }
}
