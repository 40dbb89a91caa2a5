using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

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
    public async Task Render_SecretKey_MasksItUntilAnEditorShowsIt_AndCopyCopiesTheDocumentOnScreen()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);
        var host = RenderHosted<ResolvedTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(new PageAccess(Role.Editor, IsGlobalAdmin: false)));
        host.WaitForAssertion(() => Assert.Equal("""{"ApiKey":"***"}""", host.Find("[data-testid='resolved-json']").TextContent));
        Assert.DoesNotContain("live-key", host.Markup);
        host.Find("button[aria-label='Copy JSON']").Click();

        host.Find("input[type='checkbox']").Change(true);
        host.WaitForAssertion(() => Assert.Equal("""{"ApiKey":"live-key"}""", host.Find("[data-testid='resolved-json']").TextContent));
        host.Find("button[aria-label='Copy JSON']").Click();

        var copies = JSInterop.VerifyInvoke("configAdmin.copy", calledTimes: 2);
        Assert.Equal("""{"ApiKey":"***"}""", copies[0].Arguments[0]);
        Assert.Equal("""{"ApiKey":"live-key"}""", copies[1].Arguments[0]);
    }

    [Fact]
    public async Task Render_SecretKey_ForAViewer_OffersNoWayToShowIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "ApiKey", value: "live-key", secret: true);

        var host = RenderHosted<ResolvedTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(new PageAccess(Role.Viewer, IsGlobalAdmin: false)));

        host.WaitForAssertion(() => Assert.Equal("""{"ApiKey":"***"}""", host.Find("[data-testid='resolved-json']").TextContent));
        Assert.Empty(host.FindAll("input[type='checkbox']"));
        Assert.DoesNotContain("live-key", host.Markup);
    }
}
