using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// Change requests under concurrency: two approvers at once both count; an apply racing a direct write or another
/// apply either applies whole or not at all, and exactly one apply wins.
/// </summary>
[Trait("Category", "Database")]
public abstract class ChangeRequestRaceTests(ServiceHost host)
{
    [Fact]
    public async Task TwoApproversAtOnce_BothCount()
    {
        for (var round = 0; round < 5; round++)
        {
            var kit = await new ReviewTestKit(host).CreateAsync(approvals: 2);
            var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));

            await Task.WhenAll(
                kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, new ReviewInput())),
                kit.Requests(ReviewTestKit.SecondReviewer, s => s.ApproveAsync(kit.App, request.Id, new ReviewInput())));

            var approved = await kit.Requests(ReviewTestKit.Author, s => s.GetAsync(kit.App, request.Id));
            Assert.Equal((ChangeRequestStatus.Approved, 2), (approved.Status, approved.Approvals.Count));
        }
    }

    [Fact]
    public async Task TwoAppliesAtOnce_ExactlyOneApplies()
    {
        for (var round = 0; round < 5; round++)
        {
            var kit = await new ReviewTestKit(host).CreateAsync();
            var request = await kit.FileAsync(ReviewTestKit.Author,
                ChangeOperation.Set("Timeout", kit.Protected, "15"), ChangeOperation.Set("Timeout", "staging", "25"));
            await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, new ReviewInput()));

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Outcome(() =>
                kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput())))));

            Assert.Equal(["applied", ErrorCodes.RequestClosed], outcomes.Order());
            Assert.Contains("\"Timeout\":15", await kit.DocumentAsync());
            Assert.Contains("\"Timeout\":25", await kit.DocumentAsync("staging"));
        }
    }

    [Fact]
    public async Task AnApplyRacingADirectWrite_AppliesWholeOrNotAtAll()
    {
        for (var round = 0; round < 8; round++)
        {
            var kit = await new ReviewTestKit(host).CreateAsync();
            var request = await kit.FileAsync(ReviewTestKit.Author,
                ChangeOperation.Set("Timeout", kit.Protected, "15"), ChangeOperation.Set("Timeout", "development", "5"));
            await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, new ReviewInput()));

            var apply = Outcome(() => kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput())));
            var direct = kit.Configs(ReviewTestKit.Admin, c => c.SetOverrideAsync(kit.KeyId, "staging", "26", null));
            await Task.WhenAll(apply, direct);

            var live = await kit.DocumentAsync();
            var development = await kit.DocumentAsync("development");
            Assert.Contains("\"Timeout\":26", await kit.DocumentAsync("staging"));
            if (await apply == "applied")
            {
                Assert.Contains("\"Timeout\":15", live);
                Assert.Contains("\"Timeout\":5", development);
            }
            else
            {
                Assert.Equal(ErrorCodes.Stale, await apply);
                Assert.Contains("\"Timeout\":10", live);
                Assert.Contains("\"Timeout\":30", development);
            }
        }
    }

    private static async Task<string> Outcome(Func<Task<ChangeRequestDto>> apply)
    {
        try
        {
            await apply();
            return "applied";
        }
        catch (DomainException e)
        {
            return e.Code;
        }
    }
}

public sealed class ChangeRequestRaceTestsOnSqlite(SqliteServiceHost host) : ChangeRequestRaceTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ChangeRequestRaceTestsOnPostgres(PostgresServiceHost host) : ChangeRequestRaceTests(host), IClassFixture<PostgresServiceHost>;
