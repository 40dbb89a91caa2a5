using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ConfigAdmin.Web.Components.Pages;
using ConfigAdmin.Web.Components.Reviews;

namespace ConfigAdmin.Tests.Components.Reviews;

/// <summary>The request page: the diff side by side, what each person may do, and live updates from elsewhere.</summary>
[Trait("Category", "Unit")]
public sealed class ChangeRequestPageTests : ComponentTestBase
{
    private static readonly Caller Author = new(CallerKind.User, "author@example.com", [new Grant(Role.Editor, null)]);
    private static readonly Caller Reviewer = new(CallerKind.User, "reviewer@example.com", [new Grant(Role.Editor, null)]);

    private async Task<ChangeRequestDto> FileAsync()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Timeout", ConfigValueType.Integer, "30", overrides: new() { ["production"] = "10" });
        var envs = Service<EnvironmentService>();
        await envs.UpdateAsync("production", (await envs.GetAsync("production")).ToInput() with { RequiredApprovals = 1 }, null);
        ActAs(Author);
        var filed = await Service<ChangeRequestService>().FileAsync("shop",
            new ChangeRequestInput("Longer timeout", "Checkout times out.", [ChangeOperation.Set("Timeout", "production", "15")]));
        return filed;
    }

    [Fact]
    public async Task Page_ShowsEachEnvironmentsDocumentBeforeAndAfter_AndTheAuthorCannotApproveIt()
    {
        var request = await FileAsync();

        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, "shop").Add(c => c.Id, request.Id));

        host.WaitForAssertion(() => Assert.Contains("#" + request.Id + " Longer timeout", host.Markup));
        var row = host.Find("[data-testid='diff-production'] tbody tr");
        Assert.Equal(["Timeout", "10", "15"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("waiting for approval", host.Find("[data-testid='request-status']").TextContent);
        Assert.Empty(host.FindAll("button[aria-label='Approve']"));
        Assert.NotEmpty(host.FindAll("button[aria-label='Withdraw']"));
    }

    [Fact]
    public async Task ASchemaChange_ShowsInEachDocumentItTouches_ThoughTheValueStaysTheSame()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Retry", ConfigValueType.Json, """{"count":3}""");
        var request = await Service<ChangeRequestService>().FileAsync("shop", new ChangeRequestInput("Shape the retry", null,
            [new ChangeOperation(ChangeOperation.UpdateKey, "Retry", ValueType: ConfigValueType.Json, DefaultValue: """{"count":3}""", Schema: """{"type":"object"}""")]));

        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, "shop").Add(c => c.Id, request.Id));

        host.WaitForAssertion(() => Assert.Contains("#" + request.Id + " Shape the retry", host.Markup));
        foreach (var environment in new[] { "development", "staging", "production" })
        {
            var row = host.Find($"[data-testid='diff-{environment}'] tbody tr");
            Assert.Equal("schema changed", row.QuerySelector("[data-testid='schema-changed']")?.TextContent);
            Assert.Equal(["""{"count":3}""", """{"count":3}"""], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task AReviewer_ApprovesAndApplies_AndAnOpenPageSeesAnApprovalMadeElsewhereAtOnce()
    {
        var request = await FileAsync();
        ActAs(Reviewer);
        var host = RenderHosted<ChangeRequestPage>(p => p.Add(c => c.Name, "shop").Add(c => c.Id, request.Id));
        host.WaitForElement("button[aria-label='Approve']");

        // Someone else approves on another page (or node): this one follows.
        var second = new Caller(CallerKind.User, "second@example.com", [new Grant(Role.Editor, null)]);
        await ApproveAsSomeoneElseAsync(request, second);

        host.WaitForAssertion(() => Assert.Contains("second@example.com", host.Find("[aria-label='Approvals and comments']").TextContent));
        host.WaitForElement("button[aria-label='Apply change request']").Click();

        host.WaitForAssertion(() => Assert.Contains("applied", host.Find("[data-testid='request-status']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("\"Timeout\":15", await FreshDocumentAsync());
    }

    private async Task ApproveAsSomeoneElseAsync(ChangeRequestDto request, Caller who)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Common.ChangeContext>().ActAs(who);
        await scope.ServiceProvider.GetRequiredService<ChangeRequestService>().ApproveAsync("shop", request.Id, new ReviewInput("Fine."));
    }

    private async Task<string> FreshDocumentAsync() =>
        await Service<Core.Resolution.ResolutionService>().FreshAsync("shop", "production");

    [Fact]
    public async Task Dashboard_ListsTheRequestForAnotherEditorsReview_NotAsTheirOwn()
    {
        var request = await FileAsync();
        ActAs(Reviewer);

        var reviewer = RenderHosted<Home>();

        reviewer.WaitForAssertion(() => Assert.Contains($"#{request.Id} Longer timeout", reviewer.Find("[data-testid='awaiting-review']").TextContent));
        Assert.DoesNotContain("Longer timeout", reviewer.Find("[data-testid='my-requests']").TextContent);
    }

    [Fact]
    public async Task Dashboard_ListsTheRequestAmongItsAuthorsOpenRequests_NotForTheirReview()
    {
        var request = await FileAsync();

        var author = RenderHosted<Home>();

        author.WaitForAssertion(() => Assert.Contains($"#{request.Id} Longer timeout", author.Find("[data-testid='my-requests']").TextContent));
        Assert.DoesNotContain("Longer timeout", author.Find("[data-testid='awaiting-review']").TextContent);
    }
}
