using Bunit;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Layout;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Pages.Environments;
using MudBlazor;
using MudBlazor.Services;

namespace ConfigAdmin.Tests.Components.Dialogs;

/// <summary>The application and environment dialogs' smaller manners (bug 8 of the UX pass).</summary>
[Trait("Category", "Unit")]
public sealed class NameAndOrderDialogTests : ComponentTestBase
{
    [Fact]
    public async Task ApplicationDialog_NameTaken_ShowsOnTheNameFieldAndClearsWhenTheNameChanges()
    {
        await Data.AppAsync("shop");
        var host = RenderHosted<ApplicationsPage>();
        host.WaitForElement("button[aria-label='New application']").Click();
        host.WaitForElement("input[aria-label='Name']").Input("SHOP");
        host.Find("input[aria-label='Owner']").Input("Team");
        host.Find("input[aria-label='Contact email']").Input("t@example.com");

        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.Contains("already exists", NameFieldError(host)));
        Assert.Empty(host.FindAll(".mud-dialog [role='alert']"));
        host.Find("input[aria-label='Name']").Input("shop-2");
        host.WaitForAssertion(() => Assert.Equal("", NameFieldError(host)));
    }

    [Fact]
    public void EnvironmentDialog_NameTaken_ShowsOnTheNameField()
    {
        var host = RenderHosted<EnvironmentsPage>();
        host.WaitForElement("button[aria-label='New environment']").Click();
        host.WaitForElement("input[aria-label='Name']").Input("staging");

        host.Find("button[aria-label='Create']").Click();

        host.WaitForAssertion(() => Assert.Contains("An environment named 'staging' already exists", NameFieldError(host)));
        host.Find("input[aria-label='Name']").Input("qa");
        host.WaitForAssertion(() => Assert.Equal("", NameFieldError(host)));
    }

    [Fact]
    public void EnvironmentDialog_New_SortsAfterTheOthersByDefault()
    {
        var host = RenderHosted<EnvironmentsPage>();

        host.WaitForElement("button[aria-label='New environment']").Click();

        host.WaitForAssertion(() => Assert.Equal("40", host.Find("input[aria-label='Sort order']").GetAttribute("value")));
    }

    [Fact]
    public void Snackbars_ShowBottomLeftAwayFromThePagesButtonsForAFewSeconds()
    {
        var options = new MudServicesConfiguration();

        SnackbarDefaults.Apply(options);

        Assert.Equal(Defaults.Classes.Position.BottomLeft, options.SnackbarConfiguration.PositionClass);
        Assert.InRange(options.SnackbarConfiguration.VisibleStateDuration, 2000, 3000);
        Assert.True(options.SnackbarConfiguration.ShowCloseIcon);
    }

    // The text under the Name field when it is in error; empty when it is not.
    private static string NameFieldError(IRenderedComponent<TestHost> host) =>
        host.Find("input[aria-label='Name']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
}
