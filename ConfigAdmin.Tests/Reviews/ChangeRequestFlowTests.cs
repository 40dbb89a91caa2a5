using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>A change request's life (design §11): filed, reviewed by other principals, applied in one transaction.</summary>
[Trait("Category", "Database")]
public abstract class ChangeRequestFlowTests(ServiceHost host)
{
    private static readonly ReviewInput Looks = new("Looks right.");

    [Fact]
    public async Task File_TouchingAProtectedEnvironment_IsOpen_WithItsDiffPerEnvironment()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();

        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

        Assert.Equal(ChangeRequestStatus.Open, request.Status);
        Assert.Equal([kit.Protected], request.ProtectedEnvironments);
        Assert.Equal(1, request.RequiredApprovals);
        Assert.Equal("author@example.com", request.Author);
        var change = Assert.Single(request.Diff[kit.Protected].Changed);
        Assert.Equal(("Timeout", "10", "15"), (change.Key, change.From, change.To));
        Assert.Equal([kit.Protected], request.Diff.Keys);
        Assert.Equal("10", (await kit.Configs(ReviewTestKit.Author, c => c.GetAsync(kit.KeyId))).Overrides[kit.Protected]);
    }

    [Fact]
    public async Task File_TouchingNothingProtected_IsApprovedAtOnce_AndItsAuthorAppliesIt()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();

        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", "staging", "21"));
        var applied = await kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput()));

        Assert.Equal(ChangeRequestStatus.Approved, request.Status);
        Assert.Equal(ChangeRequestStatus.Applied, applied.Status);
        Assert.Contains("\"Timeout\":21", await kit.DocumentAsync("staging"));
    }

    [Fact]
    public async Task SecretValues_AreMaskedInTheRequest_AndStoredOnlySealed()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var secret = await kit.Configs(ReviewTestKit.Admin, c => c.CreateAsync(A.Config(kit.App, "Db:Password", ConfigValueType.String, null,
            new() { ["staging"] = "old-staging-secret" }, secret: true)));

        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Db:Password", kit.Protected, "new-live-secret-4711"));

        Assert.Equal(SecretMask.Text, request.Operations.Single().Value);
        Assert.Equal(SecretMask.Text, request.Diff[kit.Protected].Added.Single().Value);
        await using var db = await host.RawContextAsync();
        var stored = await db.ChangeRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.DoesNotContain("new-live-secret-4711", stored.Operations + stored.OperationsShown + stored.Diff + stored.Base);
        Assert.NotNull(secret);
    }

    [Fact]
    public async Task Approve_ByItsAuthor_IsOwnRequest_ByAViewer_Forbidden_AndNothingCounts()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

        var own = await Assert.ThrowsAsync<ForbiddenException>(() => kit.Requests(ReviewTestKit.Author, s => s.ApproveAsync(kit.App, request.Id, Looks)));
        var viewer = await Assert.ThrowsAsync<ForbiddenException>(() => kit.Requests(ReviewTestKit.Viewer, s => s.ApproveAsync(kit.App, request.Id, Looks)));

        Assert.Equal(ErrorCodes.OwnRequest, own.Code);
        Assert.Equal(ErrorCodes.Forbidden, viewer.Code);
        Assert.Empty((await kit.Requests(ReviewTestKit.Viewer, s => s.GetAsync(kit.App, request.Id))).Approvals);
    }

    [Fact]
    public async Task Apply_WithoutTheApprovals_IsApprovalRequired_AndChangesNothing()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput())));

        Assert.Contains("\"Timeout\":10", await kit.DocumentAsync());
        Assert.Equal(ChangeRequestStatus.Open, (await kit.Requests(ReviewTestKit.Author, s => s.GetAsync(kit.App, request.Id))).Status);
    }

    [Fact]
    public async Task Apply_Approved_ChangesTheDocument_InOneTransaction_WithTheRequestOnEveryAuditEntry()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var request = await kit.FileAsync(ReviewTestKit.Author,
            ChangeOperation.Set("Timeout", kit.Protected, "15"),
            new ChangeOperation(ChangeOperation.CreateKey, "Retry:Count", ValueType: ConfigValueType.Integer, DefaultValue: "3"));
        var approved = await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));

        var applied = await kit.Requests(ReviewTestKit.SecondReviewer, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput()));

        Assert.Equal(ChangeRequestStatus.Approved, approved.Status);
        Assert.Equal(("reviewer@example.com", "Looks right."), (approved.Approvals.Single().By, approved.Approvals.Single().Comment));
        Assert.Equal(ChangeRequestStatus.Applied, applied.Status);
        Assert.Equal("second@example.com", applied.AppliedBy);
        var document = await kit.DocumentAsync();
        Assert.Contains("\"Timeout\":15", document);
        Assert.Contains("\"Retry:Count\":3", document);
        var appId = await host.ApplicationIdAsync(kit.App);
        await using var db = await host.RawContextAsync();
        var entries = await db.AuditEntries.Where(e => e.ChangeRequestId == request.Id).ToListAsync();
        Assert.Contains(entries, e => e is { EntityType: AuditEntityType.Override, Key: "Timeout" } && e.Actor == "second@example.com");
        Assert.Contains(entries, e => e is { EntityType: AuditEntityType.Config, Key: "Retry:Count", Action: AuditAction.Created });
        Assert.Contains(entries, e => e is { EntityType: AuditEntityType.ChangeRequest, Action: AuditAction.Applied });
        // The kit's key was created with one revision; the apply added one per key it changed.
        Assert.Equal(3, await db.Revisions.CountAsync(r => r.ApplicationId == appId));
    }

    [Fact]
    public async Task Approvals_CountDistinctPrincipals()
    {
        var kit = await new ReviewTestKit(host).CreateAsync(approvals: 2);
        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

        await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));
        var twice = await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));
        await Assert.ThrowsAsync<ApprovalRequiredException>(() => kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput())));
        var second = await kit.Requests(ReviewTestKit.SecondReviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));

        Assert.Equal((ChangeRequestStatus.Open, 1), (twice.Status, twice.Approvals.Count));
        Assert.Equal((ChangeRequestStatus.Approved, 2), (second.Status, second.Approvals.Count));
    }

    [Fact]
    public async Task ClosedRequests_RefuseEveryFurtherStep_WithRequestClosed()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var applied = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, applied.Id, Looks));
        await kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, applied.Id, new ApplyInput()));
        var rejected = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "16"));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.RejectAsync(kit.App, rejected.Id, new ReviewInput("Too short.")));

        async Task Closed(long id, Func<ChangeRequestService, Task<ChangeRequestDto>> step) =>
            Assert.Equal(ErrorCodes.RequestClosed, (await Assert.ThrowsAsync<ConflictException>(() => kit.Requests(ReviewTestKit.Admin, step))).Code);

        await Closed(applied.Id, s => s.ApplyAsync(kit.App, applied.Id, new ApplyInput()));
        await Closed(applied.Id, s => s.ApproveAsync(kit.App, applied.Id, Looks));
        await Closed(applied.Id, s => s.RebaseAsync(kit.App, applied.Id));
        await Closed(rejected.Id, s => s.ApplyAsync(kit.App, rejected.Id, new ApplyInput()));
        await Closed(rejected.Id, s => s.WithdrawAsync(kit.App, rejected.Id));
        Assert.Contains("\"Timeout\":15", await kit.DocumentAsync());
        Assert.Equal("Too short.", (await kit.Requests(ReviewTestKit.Author, s => s.GetAsync(kit.App, rejected.Id))).Comments.Single().Text);
    }

    [Fact]
    public async Task Withdraw_ByItsAuthorOrAnAdmin_NotByAnotherEditor()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var first = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));
        var second = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "16"));

        await Assert.ThrowsAsync<ForbiddenException>(() => kit.Requests(ReviewTestKit.Reviewer, s => s.WithdrawAsync(kit.App, first.Id)));
        var byAuthor = await kit.Requests(ReviewTestKit.Author, s => s.WithdrawAsync(kit.App, first.Id));
        var byAdmin = await kit.Requests(ReviewTestKit.Admin, s => s.WithdrawAsync(kit.App, second.Id));

        Assert.Equal((ChangeRequestStatus.Withdrawn, "author@example.com"), (byAuthor.Status, byAuthor.ClosedBy));
        Assert.Equal((ChangeRequestStatus.Withdrawn, "admin@example.com"), (byAdmin.Status, byAdmin.ClosedBy));
    }

    [Fact]
    public async Task ARequestWhoseKeyChangedSinceItWasFiled_IsStale_UntilRebased_WhichClearsItsApprovals()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));
        await kit.Configs(ReviewTestKit.Admin, c => c.SetOverrideAsync(kit.KeyId, "staging", "22", null));

        var stale = await Assert.ThrowsAsync<StaleRequestException>(() => kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput())));
        var shown = await kit.Requests(ReviewTestKit.Author, s => s.GetAsync(kit.App, request.Id));
        var rebased = await kit.Requests(ReviewTestKit.Author, s => s.RebaseAsync(kit.App, request.Id));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, Looks));
        var applied = await kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput()));

        Assert.Equal(["Timeout"], stale.Keys);
        Assert.True(shown.Stale);
        Assert.Equal((ChangeRequestStatus.Open, 0, false), (rebased.Status, rebased.Approvals.Count, rebased.Stale));
        Assert.Equal(ChangeRequestStatus.Applied, applied.Status);
        Assert.Contains("\"Timeout\":15", await kit.DocumentAsync());
        Assert.Contains("\"Timeout\":22", await kit.DocumentAsync("staging"));
    }

    [Fact]
    public async Task BreakGlass_NeedsAnAdminAndAReason_IsAuditedAsForced_AndShownUntilAcknowledged()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            kit.Requests(ReviewTestKit.Admin, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput(true, "too short"))));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            kit.Requests(ReviewTestKit.Reviewer, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput(true, "Outage: payments time out."))));
        var forced = await kit.Requests(ReviewTestKit.Admin, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput(true, "Outage: payments time out.")));
        var unacknowledged = await kit.As(ReviewTestKit.Admin, s => s.GetRequiredService<ChangeRequestService>()
            .ListAsync(new ChangeRequestQuery(Application: kit.App, Forced: "unacknowledged")));
        await kit.Requests(ReviewTestKit.Admin, s => s.AcknowledgeAsync(kit.App, request.Id));
        var afterwards = await kit.As(ReviewTestKit.Admin, s => s.GetRequiredService<ChangeRequestService>()
            .ListAsync(new ChangeRequestQuery(Application: kit.App, Forced: "unacknowledged")));

        Assert.Equal(ChangeRequestStatus.Applied, forced.Status);
        Assert.Equal("Outage: payments time out.", forced.Forced!.Reason);
        Assert.Equal([request.Id], unacknowledged.Items.Select(r => r.Id));
        Assert.Empty(afterwards.Items);
        Assert.Contains("\"Timeout\":15", await kit.DocumentAsync());
        await using var db = await host.RawContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Forced && e.ChangeRequestId == request.Id && e.After!.Contains("Outage")));
    }

    [Fact]
    public async Task BadOperations_AreClearProblems_AndFileNothing()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();

        var unknown = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => kit.FileAsync(ReviewTestKit.Author, new ChangeOperation("renameApp", "Timeout")));
        var badValue = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => kit.FileAsync(ReviewTestKit.Author,
            ChangeOperation.Set("Timeout", "staging", "1"), new ChangeOperation(ChangeOperation.UpdateKey, "Timeout", ValueType: ConfigValueType.Boolean, DefaultValue: "maybe")));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Missing", kit.Protected, "1")));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", "no-such-env", "1")));
        await Assert.ThrowsAsync<ConflictException>(() => kit.FileAsync(ReviewTestKit.Author,
            new ChangeOperation(ChangeOperation.CreateKey, "timeout", ValueType: ConfigValueType.String, DefaultValue: "x")));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => kit.FileAsync(ReviewTestKit.Author));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "10")));

        Assert.Equal("operations[0].op", unknown.Errors.Single().PropertyName);
        Assert.Contains(badValue.Errors, e => e.PropertyName.StartsWith("operations[1].", StringComparison.Ordinal));
        var list = await kit.As(ReviewTestKit.Admin, s => s.GetRequiredService<ChangeRequestService>().ListAsync(new ChangeRequestQuery(Application: kit.App)));
        Assert.Empty(list.Items);
    }
}

public sealed class ChangeRequestFlowTestsOnSqlite(SqliteServiceHost host) : ChangeRequestFlowTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ChangeRequestFlowTestsOnPostgres(PostgresServiceHost host) : ChangeRequestFlowTests(host), IClassFixture<PostgresServiceHost>;
