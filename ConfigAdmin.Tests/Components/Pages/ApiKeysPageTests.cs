using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Admin;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ApiKeysPageTests : ComponentTestBase
{
    [Fact]
    public void Create_ShowsTheSecretOnceWithACopyButton_AndTheKeyWorksAtOnce()
    {
        var host = RenderHosted<ApiKeysPage>();
        host.WaitForElement("button[aria-label='New API key']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("deploy-bot");
        ChooseEverything(host);
        host.Find("button[aria-label='Create key']").Click();

        var secret = host.WaitForElement("input[aria-label='API key secret']").GetAttribute("value")!;
        Assert.StartsWith(ApiKeySecrets.Prefix, secret);
        Assert.Contains("you will not see it again", host.Find("[role='alert']").TextContent);
        host.Find("button[aria-label='Copy secret']").Click();
        Assert.Equal(secret, JSInterop.VerifyInvoke("configAdmin.copy").Arguments[0]);
        var caller = Service<AccessDirectory>().FindKey(secret);
        Assert.Equal(("deploy-bot", Role.Client), (caller?.Name, caller?.Grants.Single().Role));

        host.Find("button[aria-label='Done']").Click();

        host.WaitForAssertion(() => Assert.Contains("deploy-bot", host.Find("tbody").TextContent));
        Assert.DoesNotContain(secret, host.Markup);
        Assert.Contains(ApiKeySecrets.HintOf(secret), host.Markup);
    }

    [Fact]
    public void Create_TakenName_IsRefusedInTheDialog()
    {
        var host = RenderHosted<ApiKeysPage>();
        CreateThroughDialog(host, "twice");
        host.Find("button[aria-label='Done']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Done']")));

        host.Find("button[aria-label='New API key']").Click();
        host.WaitForElement("input[aria-label='Name']").Input("TWICE");
        ChooseEverything(host);
        host.Find("button[aria-label='Create key']").Click();

        host.WaitForAssertion(() => Assert.Contains("An API key named 'TWICE' already exists", host.Find("[role='alert']").TextContent));
        Assert.Empty(host.FindAll("input[aria-label='API key secret']"));
    }

    [Fact]
    public void Create_BadName_ShowsTheValidatorsMessageInline()
    {
        var host = RenderHosted<ApiKeysPage>();
        host.WaitForElement("button[aria-label='New API key']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("bad name!");
        host.Find("button[aria-label='Create key']").Click();

        host.WaitForAssertion(() => Assert.Contains("Name must be 1-100 letters, digits", host.Markup));
        Assert.Empty(host.FindAll("input[aria-label='API key secret']"));
    }

    [Fact]
    public async Task List_ShowsRoleScopesExpiryAndLastUse()
    {
        await Data.AppAsync();
        var created = await Service<ApiKeyService>().CreateAsync(new ApiKeyInput("reader", Role.Client, ["shop"], ["production"],
            DateTimeOffset.UtcNow.AddDays(30)));
        Service<AccessDirectory>().FindKey(created.Secret!);

        var host = RenderHosted<ApiKeysPage>();

        var row = host.WaitForElement("tbody tr");
        Assert.Contains("reader", row.TextContent);
        Assert.Contains("client", row.TextContent);
        Assert.Contains("shop", row.TextContent);
        Assert.Contains("production", row.TextContent);
        Assert.Contains(created.ExpiresAt!.Value.ToString("yyyy-MM-dd"), row.TextContent);
        Assert.Contains("just now", row.TextContent);
        Assert.DoesNotContain(created.Secret!, host.Markup);
    }

    [Fact]
    public async Task Revoke_AfterConfirming_RemovesTheKeyAndRefusesItsSecret()
    {
        var created = await Service<ApiKeyService>().CreateAsync(new ApiKeyInput("old-bot", Role.Viewer, [AccessScopes.All]));
        var host = RenderHosted<ApiKeysPage>();

        host.WaitForElement("button[aria-label='Revoke old-bot']").Click();
        host.WaitForElement("button[aria-label='Revoke']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Revoke old-bot']")));
        Assert.Null(Service<AccessDirectory>().FindKey(created.Secret!));
        Assert.Equal(0, (await Service<ApiKeyService>().ListAsync(new PageRequest())).TotalCount);
    }

    [Fact]
    public void Create_WithoutChoosingScopes_CoversNothing_AndAsksForThem()
    {
        var host = RenderHosted<ApiKeysPage>();
        host.WaitForElement("button[aria-label='New API key']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("careful");
        host.Find("button[aria-label='Create key']").Click();

        host.WaitForAssertion(() => Assert.Contains("Choose at least one, or switch on all applications.", host.Markup));
        Assert.Contains("Choose at least one, or switch on all environments.", host.Markup);
        Assert.Empty(host.FindAll("input[aria-label='API key secret']"));
    }

    private static void CreateThroughDialog(IRenderedComponent<TestHost> host, string name)
    {
        host.WaitForElement("button[aria-label='New API key']").Click();
        host.WaitForElement("input[aria-label='Name']").Input(name);
        ChooseEverything(host);
        host.Find("button[aria-label='Create key']").Click();
        host.WaitForElement("input[aria-label='API key secret']");
    }

    /// <summary>A new key covers nothing until chosen: switch on every application and environment.</summary>
    private static void ChooseEverything(IRenderedComponent<TestHost> host)
    {
        host.Find("input[aria-label='All applications']").Change(true);
        host.WaitForElement("input[aria-label='All environments']").Change(true);
    }
}
