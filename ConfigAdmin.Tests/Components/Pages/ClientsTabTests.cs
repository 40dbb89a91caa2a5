using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class ClientsTabTests : ComponentTestBase
{
    [Fact]
    public async Task Instances_ShowHostVersionETagAndWhoIsBehind()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Mode", value: "one");
        var current = await CurrentETagAsync("production");
        await SeeAsync("production", new ClientSighting("web-1", "host-a", "1.2.0", current));
        await SeeAsync("production", new ClientSighting("web-2", "host-b", "1.1.0", "\"stale\""));

        var cut = RenderHosted<ClientsTab>(p => p.Add(x => x.Application, "shop"));

        var first = cut.WaitForElement("tr[data-instance='web-1']");
        Assert.Contains("host-a", first.TextContent);
        Assert.Contains("1.2.0", first.TextContent);
        Assert.Contains(current, first.TextContent);
        Assert.Contains("current", first.TextContent);
        Assert.Contains("behind", cut.Find("tr[data-instance='web-2']").TextContent);
        var seen = first.QuerySelector("time")!;
        Assert.Equal("just now", seen.TextContent);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", seen.GetAttribute("title")!);
    }

    [Fact]
    public async Task Opens_OnTheEnvironmentThatHasClients_AndSaysHowToConnectElsewhere()
    {
        await Data.AppAsync();
        await SeeAsync("staging", new ClientSighting("stage-1", "host-s", "1.0.0", null));

        var cut = RenderHosted<ClientsTab>(p => p.Add(x => x.Application, "shop"));

        cut.WaitForElement("tr[data-instance='stage-1']");
        Assert.Contains("none yet", cut.Find("tr[data-instance='stage-1']").TextContent);
        var select = cut.FindComponent<MudBlazor.MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.SelectOption("production"));
        var empty = cut.WaitForElement("[data-testid='clients-empty']");
        Assert.Contains("No client of shop has read production in the last 24 hours", empty.TextContent);
        Assert.Contains("o.Application = \"shop\";", empty.TextContent);
        Assert.Contains("o.Environment = \"production\";", empty.TextContent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmptyState_LinksToApiKeys_ForAdminsOfAllOnly(bool globalAdmin)
    {
        await Data.AppAsync();

        var cut = RenderHosted<ClientsTab>(p => p.Add(x => x.Application, "shop")
            .AddCascadingValue(new PageAccess(globalAdmin ? Role.Admin : Role.Viewer, globalAdmin)));

        cut.WaitForElement("[data-testid='clients-empty']");
        Assert.Equal(globalAdmin, cut.FindAll("a[href='/admin/api-keys']").Count == 1);
    }

    [Fact]
    public async Task ApplicationPage_CascadesTheCallersRoleToItsTabs()
    {
        await Data.AppAsync();
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));
        var page = RenderHosted<ApplicationPage>(p => p.Add(x => x.Name, "shop"));
        page.WaitForElement("h1");

        page.FindAll("[role='tab']").Single(t => t.TextContent.Trim() == "Clients").Click();

        page.WaitForElement("[data-testid='clients-empty']");
        Assert.Contains("which an admin creates", page.Markup);
        Assert.Empty(page.FindAll("a[href='/admin/api-keys']"));
    }

    [Fact]
    public async Task AFleet_IsShownAPageAtATime()
    {
        await Data.AppAsync();
        for (var i = 1; i <= 30; i++) await SeeAsync("production", new ClientSighting($"fleet-{i:00}", "h", "1.0.0", null));

        var cut = RenderHosted<ClientsTab>(p => p.Add(x => x.Application, "shop"));

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tr[data-instance]").Count));
        Assert.Contains("1-25 of 30", cut.Markup);
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tr[data-instance]").Count));
    }

    [Fact]
    public async Task Viewer_SeesWhoIsBehind_WithoutTheAppliedETags()
    {
        await Data.AppAsync();
        await SeeAsync("production", new ClientSighting("web-1", "host-a", "1.2.0", "\"stale\""));
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));

        var cut = RenderHosted<ClientsTab>(p => p.Add(x => x.Application, "shop"));

        var row = cut.WaitForElement("tr[data-instance='web-1']");
        Assert.Contains("behind", row.TextContent);
        Assert.DoesNotContain("stale", cut.Markup);
        Assert.DoesNotContain("Applied ETag", cut.Markup);
    }

    private async Task SeeAsync(string environment, ClientSighting sighting)
    {
        await using var db = await Gate.CreateAsync();
        var app = await db.FindApplicationAsync("shop", default);
        Service<ClientRegistry>().Saw(app.Id, environment, SecretView.Clear, sighting);
    }

    /// <summary>The ETag a client key gets now: what an up-to-date instance sends back.</summary>
    private async Task<string> CurrentETagAsync(string environment) =>
        (await Service<ResolutionService>().GetDocumentAsync("shop", environment, explain: false,
            new Caller(CallerKind.ApiKey, "reader", [new Grant(Role.Client, null)]))).ETag;
}
