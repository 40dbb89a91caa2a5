using Bunit;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Pages.Audit;
using ConfigAdmin.Web.Components.Pages.Environments;

namespace ConfigAdmin.Tests.Components.Pages;

/// <summary>While the database has not answered, a page shows progress, never the empty state it would show with no data.</summary>
[Trait("Category", "Unit")]
public sealed class LoadingStatesTests : ComponentTestBase
{
    [Fact]
    public async Task ApplicationsPage_WhileLoading_ShowsProgressNotNoApplications()
    {
        await Data.AppAsync("billing");
        Gate.Close();

        var host = RenderHosted<ApplicationsPage>();

        AssertLoading(host, "No applications match.");
        Gate.Open();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("a[href='/applications/billing']")));
        Assert.Empty(host.FindAll("[role='progressbar']"));
    }

    [Fact]
    public void ApplicationsPage_LoadedAndEmpty_SaysSo()
    {
        var host = RenderHosted<ApplicationsPage>();

        host.WaitForAssertion(() => Assert.Contains("No applications match.", host.Markup));
        Assert.Empty(host.FindAll("[role='progressbar']"));
    }

    [Fact]
    public void EnvironmentsPage_WhileLoading_ShowsProgressThenTheEnvironments()
    {
        Gate.Close();

        var host = RenderHosted<EnvironmentsPage>();

        AssertLoading(host, "No environments yet.");
        Gate.Open();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("button[aria-label='Delete staging']")));
        Assert.Empty(host.FindAll("[role='progressbar']"));
    }

    [Fact]
    public async Task AuditPage_WhileLoading_ShowsProgressNotNoChanges()
    {
        await Data.AppAsync("billing");
        Gate.Close();

        var host = RenderHosted<AuditPage>();

        AssertLoading(host, "No changes match.");
        Gate.Open();
        host.WaitForAssertion(() => Assert.Contains("billing", host.Find("[aria-label='Audit entries']").TextContent));
        Assert.Empty(host.FindAll("[role='progressbar']"));
    }

    [Fact]
    public async Task Dashboard_WhileLoading_ShowsProgressNotTheGettingStartedState()
    {
        await Data.AppAsync("billing");
        Gate.Close();

        var cut = Render<Home>();

        Assert.NotNull(cut.Find("[role='progressbar']"));
        Assert.DoesNotContain("No changes yet", cut.Markup);
        Assert.Empty(cut.FindAll("[aria-label='Applications: 0']"));
        Gate.Open();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Applications: 1']")));
        Assert.Empty(cut.FindAll("[role='progressbar']"));
    }

    private static void AssertLoading(IRenderedComponent<TestHost> host, string emptyText)
    {
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[role='progressbar']")));
        Assert.DoesNotContain(emptyText, host.Markup);
    }
}
