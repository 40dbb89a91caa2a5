using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class TextModePageTests : ComponentTestBase
{
    [Fact]
    public async Task OneEnvironment_ShowsItsOverridesAsText_SecretKeysNamedButNotShown()
    {
        await SeedAsync();

        var host = Open("production", "env");

        host.WaitForAssertion(() => Assert.Equal("Mode=p\nPort=443\n", host.Find("textarea[aria-label='Configuration text']").GetAttribute("value")));
        Assert.Contains("Db:Password", host.Find("[data-testid='secret-keys']").TextContent);
        Assert.DoesNotContain("s3cret", host.Markup);
    }

    [Fact]
    public async Task EditedText_PreviewsThroughTheImport_ThenApplies_AndKeepsTheUnlistedSecret()
    {
        var secret = await SeedAsync();
        var host = Open("production", "env");
        host.WaitForElement("textarea[aria-label='Configuration text']");
        JSInterop.Setup<IJSStreamReference>("configAdmin.readText", _ => true).SetResult(new TextStreamReference("Port=8443\nNew=x\n"));

        host.Find("button[aria-label='Preview changes']").Click();

        host.WaitForAssertion(() => Assert.Equal("1 added · 1 changed · 1 removed", host.Find("[data-testid='changeset-summary']").TextContent));
        Assert.Contains("Mode", host.Find("ul[aria-label='Removed keys']").TextContent);
        host.Find("button[aria-label='Apply']").Click();

        host.WaitForAssertion(() => Assert.Contains("Applied the text to shop", host.Markup));
        var keys = (await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items.ToDictionary(k => k.Key);
        Assert.Equal("8443", keys["Port"].Overrides["production"]);
        Assert.False(keys["Mode"].Overrides.ContainsKey("production"));
        Assert.Equal("x", keys["New"].Overrides["production"]);
        Assert.Equal("prod-secret", (await Service<ConfigService>().RevealAsync(secret.Id)).Overrides["production"]);
        host.WaitForAssertion(() => Assert.Equal("New=x\nPort=8443\n", host.Find("textarea").GetAttribute("value")));
    }

    [Fact]
    public async Task WholeApplication_IsTheConfigAdminFormat_AndAViewerGetsItReadOnly()
    {
        await SeedAsync();
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));

        var host = Open(null, null);

        host.WaitForAssertion(() => Assert.Contains("\"format\": \"configadmin\"", host.Find("textarea").GetAttribute("value")));
        // A key a line (a browser lays a big text box out by its lines), and no secret value in it.
        var lines = host.Find("textarea").GetAttribute("value")!.Split('\n');
        Assert.Equal(["Db:Password", "Mode", "Port"], lines.Where(l => l.TrimStart().StartsWith("{\"key\":", StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l.Trim().TrimEnd(',')).RootElement.GetProperty("key").GetString()));
        Assert.DoesNotContain("s3cret", host.Find("textarea").GetAttribute("value"));
        Assert.True(host.Find("textarea").HasAttribute("readonly"));
        Assert.Empty(host.FindAll("button[aria-label='Apply']"));
        Assert.Contains("As text", host.Find("h1").TextContent);
    }

    [Fact]
    public async Task Prerendered_ShowsLoading_TheTextComesOnlyWithTheCircuit()
    {
        await SeedAsync();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var host = Open(null, null);

        Assert.NotNull(host.Find("[aria-label='Loading the text']"));
        Assert.Empty(host.FindAll("textarea"));
    }

    private IRenderedComponent<TestHost> Open(string? layer, string? format)
    {
        Service<NavigationManager>().NavigateTo(TextModePage.Href("shop", layer, format));
        return RenderHosted<TextModePage>(p => p.Add(c => c.Name, "shop"));
    }

    private async Task<ConfigDto> SeedAsync()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "80", overrides: new() { ["production"] = "443" });
        await Data.KeyAsync("shop", "Mode", value: "a", overrides: new() { ["production"] = "p" });
        return await Data.KeyAsync("shop", "Db:Password", value: "s3cret", secret: true, overrides: new() { ["production"] = "prod-secret" });
    }
}
