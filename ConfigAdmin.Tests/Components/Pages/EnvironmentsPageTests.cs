using Bunit;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Environments;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class EnvironmentsPageTests : ComponentTestBase
{
    [Fact]
    public async Task Delete_EnvironmentInUse_SaysSoUpFrontWithItsKeysAndOffersNoDelete()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Payments:Url", overrides: new() { ["staging"] = "x" });
        await Data.KeyAsync("shop", "Retries", overrides: new() { ["staging"] = "y" });
        var host = RenderHosted<EnvironmentsPage>();

        host.WaitForElement("button[aria-label='Delete staging']").Click();

        var keys = host.WaitForElement("[aria-label='Keys with an override in staging']");
        Assert.Contains("'staging' is used by 2 overrides", host.Markup);
        Assert.Equal(["shop Payments:Url", "shop Retries"], keys.QuerySelectorAll("li").Select(li => Normalize(li.TextContent)));
        Assert.NotNull(keys.QuerySelector("a[href='/applications/shop']"));
        Assert.Empty(host.FindAll("button[aria-label='Delete']"));
        Assert.Empty(host.FindAll("[role='alert']"));

        host.Find("button[aria-label='Close']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[aria-label='Keys with an override in staging']")));
        Assert.Equal(3, (await Service<EnvironmentService>().AllAsync()).Count);
    }

    [Fact]
    public async Task Delete_EnvironmentTakenIntoUseWhileConfirming_ShowsTheRefusalOnce()
    {
        await Service<EnvironmentService>().CreateAsync(new("qa", null, 40));
        await Data.AppAsync();
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='Delete qa']").Click();
        var confirm = host.WaitForElement("button[aria-label='Delete']");

        await Data.KeyAsync("shop", "A", overrides: new() { ["qa"] = "x" });
        confirm.Click();

        const string refusal = "Environment 'qa' is still used by 1 override";
        host.WaitForAssertion(() => Assert.Contains(refusal, host.Find("[role='alert']").TextContent));
        Assert.Single(host.FindAll("[role='alert']"));
        Assert.Equal(1, CountOf(host.Markup, refusal));
        Assert.Equal(4, (await Service<EnvironmentService>().AllAsync()).Count);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task Delete_ClickedTwiceAndWhileDeleting_AsksOnceAndShowsProgress()
    {
        await Service<EnvironmentService>().CreateAsync(new("qa", null));
        var host = RenderHosted<EnvironmentsPage>();
        var delete = host.WaitForElement("button[aria-label='Delete qa']");

        delete.Click();
        delete.Click();
        Assert.Single(host.FindAll("button[aria-label='Delete']"));
        Gate.Close();
        host.Find("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Equal("true", host.Find("button[aria-label='Delete']").GetAttribute("aria-busy"));
            Assert.Equal("true", host.Find("button[aria-label='Delete qa']").GetAttribute("aria-busy"));
            Assert.True(host.Find("button[aria-label='Delete qa']").HasAttribute("disabled"));
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Delete qa']")));
        Assert.Equal(3, (await Service<EnvironmentService>().AllAsync()).Count);
    }

    [Fact]
    public void CreateDialog_BadName_ShowsTheValidatorsMessage()
    {
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='New environment']").Click();

        host.WaitForElement("input[aria-label='Name']").Input("Bad_Name");
        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.Contains("Name must be 1-50 characters of a-z, 0-9 and '-'", host.Markup));
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

    [Fact]
    public void CreateDialog_NoErrorBeforeTyping_AndAClearedNameSaysItIsRequiredInWords()
    {
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='New environment']").Click();

        var name = host.WaitForElement("input[aria-label='Name']");
        Assert.Empty(host.FindAll(".mud-dialog .mud-input-error"));
        name.Input("qa");
        host.Find("input[aria-label='Name']").Input("");
        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.Contains("Name is required.", host.Markup));
        Assert.DoesNotContain("must not be empty", host.Markup);
        Assert.DoesNotContain("'Name'", host.Markup);
    }
}
