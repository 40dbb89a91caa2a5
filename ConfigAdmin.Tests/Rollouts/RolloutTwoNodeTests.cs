using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Rollouts;

/// <summary>
/// A rollout on two nodes of one PostgreSQL database (design §14): both clocks run, one moves each stage; both serve
/// every instance its cohort's document; a report that tips the gate on one node rolls the other back too.
/// </summary>
[Trait("Category", "Database")]
public sealed class RolloutTwoNodeTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private TwoNodes _nodes = default!;
    private WebApplicationFactory<Program> _a = default!, _b = default!;
    private HttpClient _nodeA = default!, _nodeB = default!;

    public async Task InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync();
        (_a, _b, _nodeA, _nodeB) = (_nodes.A, _nodes.B, _nodes.ClientA, _nodes.ClientB);
    }

    [Fact]
    public async Task BothClocksRun_EachStageMovesOnce_AndTheRequestIsAppliedOnce()
    {
        var (app, rollout) = await RolloutAsync(new object[] { new { percent = 0, bakeSeconds = 1 }, new { percent = 50, bakeSeconds = 1 }, new { percent = 100 } });

        var done = await EventuallyAsync(() => ReadRolloutAsync(_nodeB, rollout), r => r.GetProperty("status").GetString() == "completed");

        var kinds = done.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "advanced"));
        Assert.Equal(1, kinds.Count(k => k == "completed"));
        var applied = await (await _nodeA.GetAsync($"/v1/audit?application={app}&entityType=changeRequest&action=applied")).JsonAsync();
        Assert.Equal(1, applied.GetProperty("totalCount").GetInt32());
        foreach (var node in new[] { _nodeA, _nodeB })
            await EventuallyAsync(() => TimeoutAsync(node, app, null), t => t == 15);
    }

    [Fact]
    public async Task BothNodesServeTheCohort_AndAFailingReportOnOne_RollsBackTheOtherWithinASecond()
    {
        var (app, rollout) = await RolloutAsync(new object[] { new { percent = 0, bakeSeconds = 3600 }, new { percent = 100 } });
        await EventuallyAsync(() => TimeoutAsync(_nodeB, app, "canary-1"), t => t == 15);
        Assert.Equal(15, await TimeoutAsync(_nodeA, app, "canary-1"));
        Assert.Equal(10, await TimeoutAsync(_nodeA, app, "other-1"));
        Assert.Equal(10, await TimeoutAsync(_nodeB, app, null));
        var target = (await ReadRolloutAsync(_nodeA, rollout)).GetProperty("targetETag").GetString();

        var reported = await _nodeB.PostJsonAsync($"/v1/applications/{app}/clients/canary-1/health?environment=production",
            new { status = "failing", reason = "cannot bind Timeout", etag = target });
        var at = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        await EventuallyAsync(() => TimeoutAsync(_nodeA, app, "canary-1"), t => t == 10);
        Assert.True(DateTime.UtcNow - at < TimeSpan.FromSeconds(1), $"node A served the base {(DateTime.UtcNow - at).TotalMilliseconds:0} ms after the report");
        Assert.Equal("rolledBack", (await ReadRolloutAsync(_nodeA, rollout)).GetProperty("status").GetString());
    }

    /// <summary>An application with Timeout 10 in production and a request for 15, applied on node A as a rollout with canary-1.</summary>
    private async Task<(string App, long Rollout)> RolloutAsync(object[] stages)
    {
        var app = A.Name("roll");
        await (await _nodeA.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        await (await _nodeA.PostJsonAsync("/v1/configs", A.Config(app, "Timeout", Core.Configs.ConfigValueType.Integer, "30",
            new() { ["production"] = "10" }))).EnsureSuccessStatusCodeAsync();
        return (app, await _nodeA.RollOutAsync(app, "Timeout", "production", "15", new { canary = new[] { "canary-1" }, stages }));
    }

    private static async Task<JsonElement> ReadRolloutAsync(HttpClient node, long rollout) => await (await node.GetAsync($"/v1/rollouts/{rollout}")).JsonAsync();

    private static async Task<int> TimeoutAsync(HttpClient node, string app, string? instance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/applications/{app}/config?environment=production");
        if (instance is not null) request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", $"{instance}; host=test; version=1");
        using var response = await node.SendAsync(request);
        await response.EnsureSuccessStatusCodeAsync();
        return (await response.JsonAsync()).GetProperty("Timeout").GetInt32();
    }

    private static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done) => Eventually.Async(read, done, Within);

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
    }
}
