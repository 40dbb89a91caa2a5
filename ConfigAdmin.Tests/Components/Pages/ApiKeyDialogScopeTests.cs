using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Admin;
using MudBlazor;

namespace ConfigAdmin.Tests.Components.Pages;

/// <summary>The new-key dialog asks for a scope only where a role has one.</summary>
[Trait("Category", "Unit")]
public sealed class ApiKeyDialogScopeTests : ComponentTestBase
{
    [Fact]
    public async Task AdminRole_OffersNoChoiceOfApplications_AndTheKeyCoversThemAll()
    {
        var host = RenderHosted<ApiKeysPage>();
        host.WaitForElement("button[aria-label='New API key']").Click();
        host.WaitForElement("input[aria-label='Name']").Input("ops-bot");
        Assert.NotEmpty(host.FindAll("input[aria-label='All applications']"));

        var role = host.FindComponent<MudSelect<Role>>();
        await host.InvokeAsync(() => role.Instance.SelectOption(Role.Admin));

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("input[aria-label='All applications']")));
        Assert.Empty(host.FindAll("[aria-label='Applications']"));
        Assert.Contains("covers every application and environment", host.Find("[data-testid='admin-scope']").TextContent);
        host.Find("button[aria-label='Create key']").Click();
        host.WaitForElement("input[aria-label='API key secret']");
        var key = Assert.Single((await Service<ApiKeyService>().ListAsync(new PageRequest())).Items);
        Assert.Equal(Role.Admin, key.Role);
        Assert.Equal([AccessScopes.All], key.Applications);
    }

    [Fact]
    public async Task MonitorRole_OffersNoChoiceOfApplications_AndSaysItReadsOnlyMetrics()
    {
        var host = RenderHosted<ApiKeysPage>();
        host.WaitForElement("button[aria-label='New API key']").Click();
        host.WaitForElement("input[aria-label='Name']").Input("prometheus");

        var role = host.FindComponent<MudSelect<Role>>();
        await host.InvokeAsync(() => role.Instance.SelectOption(Role.Monitor));

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("input[aria-label='All applications']")));
        Assert.Empty(host.FindAll("input[aria-label='All environments']"));
        Assert.Contains("reads the metrics of every application, and nothing else", host.Find("[data-testid='admin-scope']").TextContent);
        host.Find("button[aria-label='Create key']").Click();
        host.WaitForElement("input[aria-label='API key secret']");
        var key = Assert.Single((await Service<ApiKeyService>().ListAsync(new PageRequest())).Items);
        Assert.Equal(Role.Monitor, key.Role);
        Assert.Equal([AccessScopes.All], key.Applications);
    }
}
