using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>The app on a PostgreSQL server of its own, which the test stops and starts like an outage.</summary>
public sealed class OutageHost : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = default!;
    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:ConfigAdmin", Cluster.ConnectionString("outage") + ";Timeout=2");
            b.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            b.UseSetting("Security:MasterKey", TestDatabase.MasterKey);
            b.UseSetting("Security:BootstrapApiKey", ApiHost.BootstrapKey);
        });
        Client = Factory.CreateClient().WithKey();
        await Client.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

[Trait("Category", "Database")]
public sealed class OutageTests(OutageHost host) : IClassFixture<OutageHost>
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task DatabaseDown_ReadsServeLastKnownGoodMarkedStale_WritesAre503_ReadyIs503_ThenAllRecovers()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Feature:On", Core.Configs.ConfigValueType.Boolean, "true"))).EnsureSuccessStatusCode();
        var id = (await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Other"))).JsonAsync()).GetProperty("id").GetString();
        var url = $"/v1/applications/{app}/config?environment=production";
        var good = await _client.GetAsync(url);
        var goodBody = await good.Content.ReadAsStringAsync();
        // A write to the application empties its cached documents (production's content stays the same), so the
        // reads below must go to the (stopped) database.
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = "staging only" })).EnsureSuccessStatusCode();

        await host.Cluster.StopServerAsync();

        var stale = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(goodBody, await stale.Content.ReadAsStringAsync());
        Assert.Equal(good.Headers.ETag, stale.Headers.ETag);
        Assert.Contains("stale", string.Join(" ", stale.Headers.GetValues("Warning")));

        var neverRead = await _client.GetAsync($"{url}&explain=true");
        await neverRead.AssertProblemAsync(503, "service_unavailable");

        var write = await _client.PostJsonAsync("/v1/applications", A.Application());
        await write.AssertProblemAsync(503, "service_unavailable");
        Assert.NotNull(write.Headers.RetryAfter);

        var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // Anonymous callers learn the status and the check names, never the exception (host, port, provider message).
        Assert.All(report.GetProperty("checks").EnumerateObject(),
            c => Assert.Equal(["durationMs", "status"], c.Value.EnumerateObject().Select(p => p.Name).Order()));
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);

        await host.Cluster.StartServerAsync();

        var recovered = await RetryUntilAsync(() => _client.PostJsonAsync("/v1/applications", A.Application()), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RetryUntilAsync(() => _client.GetAsync("/health/ready"), HttpStatusCode.OK)).StatusCode);
        var fresh = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.False(fresh.Headers.Contains("Warning"));
    }

    /// <summary>The first requests after a restart may meet pooled connections the restart broke (503, retried).</summary>
    private static async Task<HttpResponseMessage> RetryUntilAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode wanted)
    {
        HttpResponseMessage response = default!;
        await Eventually.TrueAsync(async () =>
        {
            response = await send();
            if (response.StatusCode == wanted) return true;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            return false;
        }, TimeSpan.FromSeconds(10));
        return response;
    }
}
