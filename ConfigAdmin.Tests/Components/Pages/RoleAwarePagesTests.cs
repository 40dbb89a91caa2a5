using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Pages.Environments;

namespace ConfigAdmin.Tests.Components.Pages;

/// <summary>Each page offers only what the caller's role allows: a viewer gets nothing that writes.</summary>
[Trait("Category", "Unit")]
public sealed class RoleAwarePagesTests : ComponentTestBase
{
    private static readonly Caller Viewer = new(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]);
    private static readonly Caller Editor = new(CallerKind.User, "editor@example.com", [new Grant(Role.Editor, null)]);

    [Fact]
    public async Task Dashboard_ForAnAdmin_OffersNewApplicationAndAllChanges()
    {
        await Data.AppAsync();

        var cut = RenderHosted<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Applications: 1']")));
        Assert.NotNull(cut.Find("button[aria-label='New application']"));
        Assert.Contains(cut.FindAll("a[href='/audit']"), a => a.TextContent.Contains("View all changes"));
        Assert.Empty(cut.FindAll("[data-testid='getting-started']"));
    }

    [Fact]
    public async Task Dashboard_ForAViewer_OffersOnlyAllChanges()
    {
        await Data.AppAsync();
        ActAs(Viewer);

        var cut = RenderHosted<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Applications: 1']")));
        Assert.Empty(cut.FindAll("button[aria-label='New application']"));
        Assert.Contains(cut.FindAll("a[href='/audit']"), a => a.TextContent.Contains("View all changes"));
    }

    [Fact]
    public void Dashboard_Empty_TellsAnAdminWhatToDoFirst_AndTheCreateButtonOpensTheDialog()
    {
        var cut = RenderHosted<Home>();

        var start = cut.WaitForElement("[data-testid='getting-started']");
        Assert.Contains("Create an application", start.TextContent);
        cut.Find("button[aria-label='Create the first application']").Click();
        cut.WaitForElement("input[aria-label='Contact email']");
    }

    [Fact]
    public void Dashboard_Empty_TellsAViewerWhomToAsk()
    {
        ActAs(Viewer);

        var cut = RenderHosted<Home>();

        var start = cut.WaitForElement("[data-testid='getting-started']");
        Assert.Contains("ask one to add you", start.TextContent);
        Assert.Empty(cut.FindAll("button[aria-label='Create the first application']"));
    }

    [Fact]
    public async Task ApplicationsList_OffersNewApplicationToAdminsOfAllOnly()
    {
        await Data.AppAsync();
        ActAs(Editor);

        var cut = RenderHosted<ApplicationsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("a[href='/applications/shop']")));
        Assert.Empty(cut.FindAll("button[aria-label='New application']"));
    }

    [Theory]
    [InlineData(Role.Viewer, false)]
    [InlineData(Role.Editor, false)]
    [InlineData(Role.Admin, true)]
    public async Task ApplicationHeader_OffersEditAndDeleteToItsAdminsOnly(Role role, bool offered)
    {
        await Data.AppAsync();
        ActAs(new Caller(CallerKind.User, "someone@example.com", [new Grant(role, null)]));

        var cut = RenderHosted<ApplicationPage>(p => p.Add(x => x.Name, "shop"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("h1")));
        Assert.Equal("shop", cut.Find("h1").TextContent);
        Assert.Equal(offered, cut.FindAll("button[aria-label='Edit application']").Count == 1);
        Assert.Equal(offered, cut.FindAll("button[aria-label='Delete application']").Count == 1);
    }

    [Fact]
    public async Task ApplicationPage_AdminOfThatApplicationOnly_MayEditIt()
    {
        await Data.AppAsync();
        await using (var db = await Gate.CreateAsync())
        {
            var id = (await db.FindApplicationAsync("shop", default)).Id;
            ActAs(new Caller(CallerKind.User, "owner@example.com", [new Grant(Role.Admin, [id])]));
        }

        var cut = RenderHosted<ApplicationPage>(p => p.Add(x => x.Name, "shop"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button[aria-label='Edit application']")));
    }

    [Fact]
    public async Task Environments_ForAnEditor_ListWithoutAnyWriteControl()
    {
        await Data.AppAsync();
        ActAs(Editor);

        var cut = RenderHosted<EnvironmentsPage>();

        cut.WaitForAssertion(() => Assert.Contains("production", cut.Markup));
        Assert.Empty(cut.FindAll("button[aria-label='New environment']"));
        Assert.Empty(cut.FindAll("button[aria-label='Edit staging']"));
        Assert.Empty(cut.FindAll("button[aria-label='Delete staging']"));
        Assert.DoesNotContain(">Actions<", cut.Markup);
    }

    [Fact]
    public void Environments_ForAnAdmin_OfferAddEditAndDelete()
    {
        var cut = RenderHosted<EnvironmentsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button[aria-label='Delete staging']")));
        Assert.NotNull(cut.Find("button[aria-label='Edit staging']"));
        Assert.NotNull(cut.Find("button[aria-label='New environment']"));
    }
}
