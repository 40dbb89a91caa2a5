using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Components.Pages.KeysGrid;

namespace ConfigAdmin.Tests.Components.Reviews;

/// <summary>
/// In a protected environment the keys grid's dialogs say "Request change" before anything is pressed, and file a
/// change request instead of writing; elsewhere they save as before.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RequestChangeTests : KeysGridTestBase
{
    private async Task ProtectProductionAsync()
    {
        var envs = Service<EnvironmentService>();
        await envs.UpdateAsync("production", (await envs.GetAsync("production")).ToInput() with { RequiredApprovals = 1 }, null);
    }

    [Fact]
    public async Task OverrideDialog_InAProtectedEnvironment_SaysRequestChange_AndFilesARequestInsteadOfWriting()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello", overrides: new() { ["production"] = "hi" });
        await ProtectProductionAsync();
        var host = RenderTab();

        host.Find("button[aria-label='Set Greeting in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Change("hello, customers");
        Assert.Empty(host.FindAll("button[aria-label='Save override']"));
        host.Find("button[aria-label='Request change']").Click();
        Assert.Equal("Set Greeting in production", host.WaitForElement("input[aria-label='Title']").GetAttribute("value"));
        host.Find("textarea[aria-label='Why']").Input("Friendlier.");
        host.Find("button[aria-label='File change request']").Click();

        host.WaitForAssertion(() => Assert.Contains("filed: it waits for approval", host.Markup));
        Assert.Equal("hi", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
        var filed = Assert.Single((await Service<ChangeRequestService>().ListAsync(new ChangeRequestQuery(Application: "shop"))).Items);
        Assert.Equal(("Set Greeting in production", "Friendlier.", ChangeRequestStatus.Open), (filed.Title, filed.Description, filed.Status));
        Assert.Equal("hello, customers", filed.Diff["production"].Changed.Single().To);
    }

    [Fact]
    public async Task OverrideDialog_ElsewhereThanTheProtectedEnvironment_SavesAsBefore()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello", overrides: new() { ["production"] = "hi" });
        await ProtectProductionAsync();
        var host = RenderTab();

        host.Find("button[aria-label='Set Greeting in staging']").Click();
        host.WaitForElement("input[aria-label='Value in staging']").Change("hello, testers");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save override']")));
        Assert.Equal("hello, testers", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["staging"]);
    }

    [Fact]
    public async Task KeyDialog_SaysRequestChange_OnlyOnceTheEditReachesTheProtectedEnvironment_AndFilesItAsOneRequest()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello", overrides: new() { ["production"] = "hi" });
        await ProtectProductionAsync();
        var host = RenderTab();
        host.Find("button[aria-label='Edit Greeting']").Click();
        host.WaitForElement("input[aria-label='Value in production']");

        // A new default that production overrides anyway is not production's business.
        host.Find("input[aria-label='Default value']").Change("hello there");
        Assert.NotEmpty(host.FindAll("button[aria-label='Save key']"));
        host.Find("input[aria-label='Value in production']").Change("hi there");
        host.WaitForElement("button[aria-label='Request change']").Click();
        host.WaitForElement("button[aria-label='File change request']").Click();

        host.WaitForAssertion(() => Assert.Contains("filed: it waits for approval", host.Markup));
        var stored = await Service<ConfigService>().GetAsync(key.Id);
        Assert.Equal(("hello", "hi"), (stored.DefaultValue, stored.Overrides["production"]));
        var filed = Assert.Single((await Service<ChangeRequestService>().ListAsync(new ChangeRequestQuery(Application: "shop"))).Items);
        Assert.Equal(["development", "production", "staging"], filed.Diff.Keys.Order());
        Assert.Equal(["production"], filed.ProtectedEnvironments);
    }
}
