using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Rollouts;

/// <summary>Rollouts over REST (design §14): what an instance reads, the steering routes, and the problems of each wrong step.</summary>
[Trait("Category", "Database")]
public abstract class RolloutApiTests(ApiHost host)
{
    [Fact]
    public async Task ACanaryReadsTheTarget_OthersAndAnonymousReadsTheBase_WithTheirOwnETags()
    {
        var (app, rollout) = await RolloutAsync(canary: ["canary-1"]);

        var (canary, canaryETag) = await ReadAsync(app, "canary-1");
        var (other, otherETag) = await ReadAsync(app, "other-1");
        var (anonymous, anonymousETag) = await ReadAsync(app, null);

        Assert.Equal(15, canary.GetProperty("Timeout").GetInt32());
        Assert.Equal(10, other.GetProperty("Timeout").GetInt32());
        Assert.Equal(10, anonymous.GetProperty("Timeout").GetInt32());
        Assert.Equal(rollout.GetProperty("targetETag").GetString(), canaryETag);
        Assert.Equal(rollout.GetProperty("baseETag").GetString(), otherETag);
        Assert.Equal(otherETag, anonymousETag);
        var listed = await (await host.Client.GetAsync("/v1/rollouts?status=active")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == rollout.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AbortAndPromote_AnswerTheRollout_ThenAClosedRolloutIs409RolloutClosed()
    {
        var (app, rollout) = await RolloutAsync(canary: ["canary-1"]);
        var url = $"/v1/rollouts/{rollout.GetProperty("id").GetInt64()}";

        var paused = await (await host.Client.PostAsync($"{url}/pause", null)).JsonAsync();
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        await (await host.Client.PostAsync($"{url}/pause", null)).AssertProblemAsync(409, "rollout_closed");
        var promoted = await (await host.Client.PostAsync($"{url}/promote", null)).JsonAsync();
        Assert.Equal("completed", promoted.GetProperty("status").GetString());
        Assert.Equal(15, (await ReadAsync(app, null)).Body.GetProperty("Timeout").GetInt32());
        await (await host.Client.PostAsync($"{url}/abort", null)).AssertProblemAsync(409, "rollout_closed");
        await (await host.Client.PostJsonAsync($"{url}/signals", new { reason = "late" })).AssertProblemAsync(409, "rollout_closed");
    }

    [Fact]
    public async Task OtherWritesToTheEnvironment_Are409RolloutInProgress_NamingTheRollout()
    {
        var (app, rollout) = await RolloutAsync();
        var key = await KeyIdAsync(app);

        var problem = await (await host.Client.PutJsonAsync($"/v1/configs/{key}/overrides/production", new { value = "11" }))
            .AssertProblemAsync(409, "rollout_in_progress");

        Assert.Equal(rollout.GetProperty("id").GetInt64(), problem.GetProperty("rolloutId").GetInt64());
        await (await host.Client.PutJsonAsync($"/v1/configs/{key}/overrides/staging", new { value = "21" })).EnsureSuccessStatusCodeAsync();
    }

    [Theory]
    [InlineData("""{ "stages": [ { "percent": 100 } ] }""")]
    [InlineData("""{ "stages": [ { "percent": 50 }, { "percent": 40 }, { "percent": 100 } ] }""")]
    [InlineData("""{ "stages": [ { "percent": 10 }, { "percent": 90 } ] }""")]
    [InlineData("""{ "stages": [ { "percent": 10, "bakeSeconds": -1 }, { "percent": 100 } ] }""")]
    [InlineData("""{ "stages": [ { "percent": 10 }, { "percent": 100 } ], "maxFailingRatio": 1.5 }""")]
    [InlineData("""{ "canary": [ "" ], "stages": [ { "percent": 10 }, { "percent": 100 } ] }""")]
    [InlineData("""{ "stages": "fast" }""")]
    public async Task ABadRolloutPlan_Is400_AndNothingIsApplied(string plan)
    {
        var (app, request) = await RequestAsync(("production", "15"));

        var response = await host.Client.PostAsync($"/v1/applications/{app}/change-requests/{request}/apply",
            new StringContent($$"""{ "rollout": {{plan}} }""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var filed = await (await host.Client.GetAsync($"/v1/applications/{app}/change-requests/{request}")).JsonAsync();
        Assert.NotEqual("applied", filed.GetProperty("status").GetString());
        Assert.Equal(10, (await ReadAsync(app, "canary-1")).Body.GetProperty("Timeout").GetInt32());
    }

    [Fact]
    public async Task ARequestChangingTwoEnvironments_Is400RolloutSingleEnvironment()
    {
        var (app, request) = await RequestAsync(("production", "15"), ("staging", "25"));

        var problem = await (await host.Client.PostJsonAsync($"/v1/applications/{app}/change-requests/{request}/apply", new { rollout = Plan() }))
            .AssertProblemAsync(400, "rollout_single_environment");

        Assert.Equal(["production", "staging"], problem.GetProperty("environments").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Fact]
    public async Task BadHealthReportsAndSignals_Are400_AndUnknownRolloutsAre404()
    {
        var (app, rollout) = await RolloutAsync();
        var health = $"/v1/applications/{app}/clients/i-1/health";

        await (await host.Client.PostJsonAsync(health, new { status = "ok" })).AssertProblemAsync(400, "validation_failed");
        await (await host.Client.PostJsonAsync($"{health}?environment=production", new { status = "sideways" })).AssertProblemAsync(400, "validation_failed");
        await (await host.Client.PostJsonAsync($"{health}?environment=production", new { })).AssertProblemAsync(400, "validation_failed");
        await (await host.Client.PostJsonAsync($"/v1/applications/{A.Name("nope")}/clients/i-1/health?environment=production", new { status = "ok" }))
            .AssertProblemAsync(404, "not_found");
        await (await host.Client.PostJsonAsync($"/v1/rollouts/{rollout.GetProperty("id").GetInt64()}/signals", new { reason = "" }))
            .AssertProblemAsync(400, "validation_failed");
        await (await host.Client.GetAsync("/v1/rollouts/987654321")).AssertProblemAsync(404, "not_found");
        await (await host.Client.PostAsync("/v1/rollouts/987654321/abort", null)).AssertProblemAsync(404, "not_found");
        await (await host.Client.GetAsync("/v1/rollouts?status=sideways")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task AFailingReportFromAnInstanceThatReadTheTarget_RollsBackAtOnce_AndTheCanaryReadsTheBaseAgain()
    {
        var (app, rollout) = await RolloutAsync(canary: ["canary-1"]);
        var (_, etag) = await ReadAsync(app, "canary-1");

        var reported = await host.Client.PostJsonAsync($"/v1/applications/{app}/clients/canary-1/health?environment=production",
            new { status = "failing", reason = "bind error", etag });

        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        var ended = await (await host.Client.GetAsync($"/v1/rollouts/{rollout.GetProperty("id").GetInt64()}")).JsonAsync();
        Assert.Equal("rolledBack", ended.GetProperty("status").GetString());
        Assert.Equal(10, (await ReadAsync(app, "canary-1")).Body.GetProperty("Timeout").GetInt32());
    }

    private static object Plan(string[]? canary = null) =>
        new { canary, stages = new object[] { new { percent = 0, bakeSeconds = 3600 }, new { percent = 100 } } };

    private async Task<(string App, JsonElement Rollout)> RolloutAsync(string[]? canary = null)
    {
        var (app, request) = await RequestAsync(("production", "15"));
        var response = await host.Client.PostJsonAsync($"/v1/applications/{app}/change-requests/{request}/apply", new { rollout = Plan(canary) });
        await response.EnsureSuccessStatusCodeAsync();
        var id = (await response.JsonAsync()).GetProperty("rollout").GetProperty("id").GetInt64();
        return (app, await (await host.Client.GetAsync($"/v1/rollouts/{id}")).JsonAsync());
    }

    /// <summary>An application with <c>Timeout</c> (30; staging 20; production 10) and a request setting the given overrides.</summary>
    private async Task<(string App, long Request)> RequestAsync(params (string Environment, string Value)[] sets)
    {
        var app = A.Name("roll");
        await (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        await (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Timeout", Core.Configs.ConfigValueType.Integer, "30",
            new() { ["production"] = "10", ["staging"] = "20" }))).EnsureSuccessStatusCodeAsync();
        var filed = await (await host.Client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Timeouts", operations = sets.Select(s => new { op = "setOverride", key = "Timeout", environment = s.Environment, value = s.Value }),
        })).JsonAsync();
        return (app, filed.GetProperty("id").GetInt64());
    }

    private async Task<string> KeyIdAsync(string app)
    {
        var keys = await (await host.Client.GetAsync($"/v1/configs?application={app}")).JsonAsync();
        return keys.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    private async Task<(JsonElement Body, string? ETag)> ReadAsync(string app, string? instance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/applications/{app}/config?environment=production");
        if (instance is not null) request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", $"{instance}; host=test; version=1");
        using var response = await host.Client.SendAsync(request);
        await response.EnsureSuccessStatusCodeAsync();
        return (await response.JsonAsync(), response.Headers.ETag?.ToString());
    }
}

public sealed class RolloutApiTestsOnSqlite(SqliteApiHost host) : RolloutApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class RolloutApiTestsOnPostgres(PostgresApiHost host) : RolloutApiTests(host), IClassFixture<PostgresApiHost>;
