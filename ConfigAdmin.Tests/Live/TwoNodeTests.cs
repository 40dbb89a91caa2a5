using System.Diagnostics;
using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Live;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a load balancer: each learns of the other's changes
/// through the change record (LISTEN/NOTIFY), within a second.
/// </summary>
[Trait("Category", "Database")]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private TwoNodes _nodes = default!;
    private WebApplicationFactory<Program> _a = default!, _b = default!;
    private HttpClient _nodeA = default!, _nodeB = default!;

    public async Task InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync(b =>
            // Long enough that only LISTEN/NOTIFY can bring a change within the second these tests allow.
            b.UseSetting("Live:PollIntervalMs", "5000"));
        (_a, _b, _nodeA, _nodeB) = (_nodes.A, _nodes.B, _nodes.ClientA, _nodes.ClientB);
    }

    [Fact]
    public async Task WriteThroughA_WakesALongPollOnB_WithinASecond_AndBsPlainReadIsNew()
    {
        var app = A.Name();
        (await _nodeA.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var id = (await (await _nodeA.PostJsonAsync("/v1/configs", A.Config(app, "Mode", defaultValue: "one"))).JsonAsync()).GetProperty("id").GetString();
        var url = $"/v1/applications/{app}/config?environment=production";
        await WaitUntilAsync(async () => (await _nodeB.GetAsync(url)).StatusCode == HttpStatusCode.OK);
        var etag = await _nodeB.ETagAsync(url); // B caches the document
        var waiters = Parked.Waiters(_b.Services);
        var poll = _nodeB.LongPollAsync(url, etag, seconds: 10);
        await Parked.OneMoreAsync(_b.Services, waiters);

        var clock = Stopwatch.StartNew();
        (await _nodeA.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "two" })).EnsureSuccessStatusCode();
        var woken = await poll;

        Assert.Equal(HttpStatusCode.OK, woken.StatusCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
        Assert.Equal("""{"Mode":"two"}""", await woken.Content.ReadAsStringAsync());
        Assert.Equal("""{"Mode":"two"}""", await _nodeB.GetStringAsync(url));
    }

    [Fact]
    public async Task KeyRevokedOnA_IsRefusedOnB_WithinASecond()
    {
        var app = A.Name();
        (await _nodeA.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var created = await (await _nodeA.PostJsonAsync("/v1/api-keys", new { name = A.Name("ci"), role = "client", applications = new[] { app } })).JsonAsync();
        var onB = _b.CreateClient().WithKey(created.GetProperty("secret").GetString());
        var url = $"/v1/applications/{app}/config?environment=production";
        await WaitUntilAsync(async () => (await onB.GetAsync(url)).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(url)).StatusCode); // cached on B, served by its fast path

        var clock = Stopwatch.StartNew();
        (await _nodeA.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        await WaitUntilAsync(async () => (await onB.GetAsync(url)).StatusCode == HttpStatusCode.Unauthorized);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> done) => Eventually.UntilAsync(done, TimeSpan.FromSeconds(10), "The other node never caught up.");

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
    }
}
