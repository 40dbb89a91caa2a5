using Bunit;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Environments;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Components")]
public sealed class EnvironmentsPageTests : ComponentTestBase
{
    [Fact]
    public async Task Delete_EnvironmentInUse_IsRefusedWithHowMany()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A", overrides: new() { ["staging"] = "x" });
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='Delete staging']").Click();

        host.WaitForElement("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() => Assert.Contains("Environment 'staging' is still used by 1 override", host.Find("[role='alert']").TextContent));
        Assert.Equal(3, (await Service<EnvironmentService>().AllAsync()).Count);
    }

    [Fact]
    public void CreateDialog_BadName_ShowsTheValidatorsMessage()
    {
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='New environment']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("Bad_Name");
        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.Contains("'Name' must be 1-50 characters of a-z, 0-9 and '-'", host.Markup));
    }

    [Fact]
    public async Task CreateDialog_ValidName_AddsTheEnvironment()
    {
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='New environment']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("qa");
        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("button[aria-label='Delete qa']")));
        Assert.Equal("qa", (await Service<EnvironmentService>().GetAsync("qa")).Name);
    }
}
