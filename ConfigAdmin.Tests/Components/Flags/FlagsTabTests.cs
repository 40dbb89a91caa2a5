using System.Text.Json;
using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Flags;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Flags;

/// <summary>The Flags tab (design §13): a switch per environment, the filter editors checked as the admin types, requests where protected.</summary>
[Trait("Category", "Unit")]
public sealed class FlagsTabTests : ComponentTestBase
{
    private IRenderedComponent<TestHost> RenderTab(PageAccess? access = null) =>
        RenderHosted<FlagsTab>(p => p.Add(x => x.Application, "shop").AddCascadingValue(access ?? new PageAccess(Role.Editor, false)));

    private Task PutAsync(string id, string environment, string json) =>
        Service<FlagService>().PutAsync("shop", id, environment, JsonDocument.Parse(json).RootElement, null);

    private static string Switch(string flag, string environment) => $"tr[data-flag='{flag}'] td[data-environment='{environment}'] input[type='checkbox']";

    [Fact]
    public async Task TheSwitch_TurnsTheFlagOnInThatEnvironment_KeepingItsFilters()
    {
        await Data.AppAsync();
        await PutAsync("Beta", "staging", """{"enabled":false,"conditions":{"client_filters":[{"name":"Percentage","parameters":{"Value":30}}]}}""");
        var host = RenderTab();

        host.WaitForElement(Switch("Beta", "staging")).Change(true);

        await host.WaitForAssertionAsync(async () => Assert.Equal(
            """{"id":"Beta","enabled":true,"conditions":{"requirement_type":"Any","client_filters":[{"name":"Microsoft.Percentage","parameters":{"Value":30}}]}}""",
            (await Service<FlagService>().GetAsync("shop", "Beta", "staging")).Flag.GetRawText()));
        Assert.Contains("not defined", host.Find("tr[data-flag='Beta'] td[data-environment='production']").TextContent);
    }

    [Fact]
    public async Task InAProtectedEnvironment_TheSwitchFilesAChangeRequest_AndChangesNothing()
    {
        await Data.AppAsync();
        await PutAsync("Beta", "staging", """{"enabled":true}""");
        var envs = Service<EnvironmentService>();
        await envs.UpdateAsync("production", (await envs.GetAsync("production")).ToInput() with { RequiredApprovals = 1 }, null);
        var host = RenderTab();

        host.WaitForElement(Switch("Beta", "production")).Change(true);
        Assert.Equal("Turn on Beta in production", host.WaitForElement("input[aria-label='Title']").GetAttribute("value"));
        host.Find("button[aria-label='File change request']").Click();

        host.WaitForAssertion(() => Assert.Contains("filed: it waits for approval", host.Markup));
        var filed = Assert.Single((await Service<ChangeRequestService>().ListAsync(new ChangeRequestQuery(Application: "shop"))).Items);
        Assert.Equal("setFlag", Assert.Single(filed.Operations).Op);
        Assert.Equal("feature_management:Beta", filed.Diff["production"].Added.Single().Key);
        await Assert.ThrowsAsync<ConfigAdmin.Core.Common.NotFoundException>(() => Service<FlagService>().GetAsync("shop", "Beta", "production"));
    }

    [Fact]
    public async Task TheEditor_ShowsEachFaultWithItsPointerAsTheAdminTypes_AndSavesTheFiltersInTheLibrarysSpelling()
    {
        await Data.AppAsync();
        await PutAsync("Beta", "staging", """{"enabled":true}""");
        var host = RenderTab();

        host.WaitForElement("button[aria-label='Edit Beta in staging']").Click();
        host.WaitForElement("input[aria-label='Targeting filter']").Change(true);
        host.WaitForElement("textarea[aria-label='Users']").Input("ann\nbob");
        host.Find("textarea[aria-label='Groups']").Input("testers = 150");
        var faults = host.WaitForElement("[data-testid='flag-faults']");
        Assert.Contains("Group line 'testers = 150'", faults.TextContent);
        Assert.True(host.Find("button[aria-label='Save']").HasAttribute("disabled"));

        host.Find("textarea[aria-label='Groups']").Input("testers = 50");
        host.Find("textarea[aria-label='Variants']").Input("""[{"name":"Big"}]""");
        host.Find("textarea[aria-label='Allocation']").Input("""{"default_when_enabled":"Huge"}""");
        host.WaitForAssertion(() => Assert.Contains("/allocation/default_when_enabled", host.Find("[data-testid='flag-faults']").TextContent));
        host.Find("textarea[aria-label='Allocation']").Input("""{"default_when_enabled":"Big"}""");
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid='flag-faults']")));
        host.Find("button[aria-label='Save']").Click();

        await host.WaitForAssertionAsync(async () => Assert.Equal(
            """{"id":"Beta","enabled":true,"conditions":{"requirement_type":"Any","client_filters":[{"name":"Microsoft.Targeting","parameters":""" +
            """{"Audience":{"Users":["ann","bob"],"Groups":[{"Name":"testers","RolloutPercentage":50}],"DefaultRolloutPercentage":0}}}]},""" +
            "\"variants\":[{\"name\":\"Big\"}],\"allocation\":{\"default_when_enabled\":\"Big\"}}",
            (await Service<FlagService>().GetAsync("shop", "Beta", "staging")).Flag.GetRawText()));
    }

    [Fact]
    public async Task AViewer_SeesTheSwitches_ButCannotUseThem()
    {
        await Data.AppAsync();
        await PutAsync("Beta", "staging", """{"enabled":true}""");
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));

        var host = RenderTab(new PageAccess(Role.Viewer, false));

        Assert.True(host.WaitForElement(Switch("Beta", "staging")).HasAttribute("disabled"));
        Assert.Empty(host.FindAll("button[aria-label='Edit Beta in staging']"));
        Assert.Empty(host.FindAll("button:contains('New flag')"));
    }
}
