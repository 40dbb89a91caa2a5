using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Dialogs;

/// <summary>
/// Two admins on one key: a change elsewhere in the key (another environment, the description) is no conflict; a change
/// to what the user edits is, and then the dialog says who changed what and keeps the user's input.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KeyConflictTests : ComponentTestBase
{
    private static readonly Caller Bob = new(CallerKind.User, "bob@example.com", [new Grant(Role.Admin, null)]);

    private IRenderedComponent<TestHost> RenderTab()
    {
        var host = RenderHosted<ConfigsTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(new PageAccess(Role.Admin, IsGlobalAdmin: true)));
        host.WaitForElement("button[aria-label='Set Timeout in production']");
        return host;
    }

    /// <summary>Someone else's write, as another signed-in admin.</summary>
    private async Task AsBobAsync(Func<ConfigService, Task> write)
    {
        ActAs(Bob);
        await write(Service<ConfigService>());
        ActAs(Admin);
    }

    private IRenderedComponent<TestHost> OpenProductionOverride(string value)
    {
        var host = RenderTab();
        host.Find("button[aria-label='Set Timeout in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Change(value);
        return host;
    }

    [Fact]
    public async Task SetProductionOverride_WhileStagingChanged_SavesWithoutAConflict()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Timeout", value: "30");
        var host = OpenProductionOverride("90");
        await AsBobAsync(c => c.SetOverrideAsync(key.Id, "staging", "45", key.Version));

        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save override']")));
        Assert.Empty(host.FindAll("button[aria-label='Overwrite']"));
        var stored = await Service<ConfigService>().GetAsync(key.Id);
        Assert.Equal(("90", "45"), (stored.Overrides["production"], stored.Overrides["staging"]));
    }

    [Fact]
    public async Task SetProductionOverride_WhileProductionChanged_ShowsWhoChangedItAndKeepsTheInput()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Timeout", value: "30");
        var host = OpenProductionOverride("90");
        await AsBobAsync(c => c.SetOverrideAsync(key.Id, "production", "60", key.Version));

        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("Someone else changed key 'Timeout'", host.Markup));
        var report = host.Find("[aria-label='Their changes']").TextContent;
        Assert.Contains("bob@example.com", report);
        Assert.Contains("the value in production", report);
        Assert.Contains("60", report);
        host.Find("button[aria-label='Back to my edit']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Overwrite']")));
        Assert.Equal("90", host.Find("input[aria-label='Value in production']").GetAttribute("value"));
        Assert.Contains("bob@example.com", host.Find("[aria-label='Their changes']").TextContent);
        Assert.Equal("60", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);

        // Having seen their change, saving again applies the kept input without asking twice.
        host.Find("button[aria-label='Save override']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save override']")));
        Assert.Equal("90", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
    }

    [Fact]
    public async Task EditKeyDescription_WhileAnOverrideChanged_SavesWithoutAConflict()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Timeout", value: "30");
        var host = RenderTab();
        host.Find("button[aria-label='Edit Timeout']").Click();
        host.WaitForElement("textarea[aria-label='Description']").Input("mine");
        await AsBobAsync(c => c.SetOverrideAsync(key.Id, "production", "60", key.Version));

        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")));
        Assert.Empty(host.FindAll("button[aria-label='Overwrite']"));
        var stored = await Service<ConfigService>().GetAsync(key.Id);
        Assert.Equal(("mine", "60"), (stored.Description, stored.Overrides["production"]));
    }
}
