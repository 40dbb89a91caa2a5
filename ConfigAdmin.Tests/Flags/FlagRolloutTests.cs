using System.Text.Json;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Rollouts;

namespace ConfigAdmin.Tests.Flags;

/// <summary>A flag change rolled out gradually (design §14): canaries and the cohort read it first, everyone once it completes.</summary>
[Trait("Category", "Database")]
public abstract class FlagRolloutTests(ClockedServiceHost host)
{
    [Fact]
    public async Task AFlagTurnedOnByARollout_ReachesCanariesFirst_AndEveryoneWhenItCompletes()
    {
        var flag = JsonDocument.Parse("""{"enabled":true}""").RootElement;
        var kit = await new RolloutTestKit(host).CreateAsync(ChangeOperation.SetFlagIn("Beta", "production", flag));

        var rollout = await kit.StartAsync(new RolloutInput(["canary-1"], [new(0, 60), new(100)]));

        const string on = "\"feature_management\":{\"feature_flags\":[{\"id\":\"Beta\",\"enabled\":true}]}";
        Assert.Contains(on, await kit.ReadAsync("canary-1"));
        Assert.DoesNotContain("feature_management", await kit.ReadAsync("someone-else"));
        Assert.DoesNotContain("feature_management", await kit.ReadAsync(null));
        await kit.TickAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RolloutStatus.Completed, (await kit.With(r => r.GetAsync(rollout.Id))).Status);
        Assert.Contains(on, await kit.ReadAsync(null));
    }
}

public sealed class FlagRolloutTestsOnSqlite(SqliteClockedServiceHost host) : FlagRolloutTests(host), IClassFixture<SqliteClockedServiceHost>;

public sealed class FlagRolloutTestsOnPostgres(PostgresClockedServiceHost host) : FlagRolloutTests(host), IClassFixture<PostgresClockedServiceHost>;
