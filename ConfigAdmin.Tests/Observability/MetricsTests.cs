using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Observability;

/// <summary>
/// The meters of design §15 as Prometheus sees them: <c>/metrics</c> scraped from the app on real Kestrel after client
/// reads (cached and not, 200 and 304), writes, long polls, streams, client instances and change requests.
/// </summary>
[Trait("Category", "Database")]
public abstract class MetricsTests(MetricsHost host)
{
    [Fact]
    public async Task Scrape_AfterReadsWritesAndWaits_CountsEachWithItsLabels()
    {
        var scene = await Scene.PlayAsync(host);
        var app = scene.App.ToLowerInvariant();
        (string, string) App = ("application", app), Production = ("environment", "production"), Staging = ("environment", "staging");

        // While a long poll and a stream wait, each is counted by its kind.
        var waiting = await host.ScrapeAsync();
        Assert.True(waiting.Value("configadmin_waiters", ("kind", "long_poll")) >= 1, waiting.Text);
        Assert.True(waiting.Value("configadmin_waiters", ("kind", "stream")) >= 1, waiting.Text);

        await scene.WakeAsync();
        var scrape = await host.ScrapeAsync();
        // Reads: three plain ones (one missed the cache, two answered by the fast path), one 304, the woken long poll's 200.
        Assert.Equal(4, scrape.Value("configadmin_client_reads_total", App, Production, ("http_response_status_code", "200")));
        Assert.Equal(1, scrape.Value("configadmin_client_reads_total", App, Production, ("http_response_status_code", "304")));
        // One read in eight is timed: eight more reads (of another application) are timed once at least.
        for (var i = 0; i < ConfigAdmin.Core.Observability.ConfigAdminMetrics.DurationSampling; i++)
            (await host.Client.GetAsync($"/v1/applications/{scene.Other}/config?environment=production")).EnsureSuccessStatusCode();
        scrape = await host.ScrapeAsync();
        Assert.True(scrape.Value("configadmin_client_read_duration_seconds_count") >= 1, scrape.Text);
        // Changes: two keys created (every environment's document), then production's override, then the wake-up write.
        Assert.Equal(2, scrape.Value("configadmin_changes_total", App, Staging));
        Assert.Equal(4, scrape.Value("configadmin_changes_total", App, Production));
        Assert.True(scrape.Value("configadmin_change_propagation_seconds_count", ("origin", "local")) >= 4, scrape.Text);
        // The waiters went when they were answered.
        Assert.Equal(0, scrape.Value("configadmin_waiters", ("kind", "long_poll")));
        // The framework's own meters are there too: ASP.NET Core, the runtime, EF Core.
        Assert.Contains(scrape.Samples(), s => s.Name == "http_server_request_duration_seconds_count");
        Assert.Contains(scrape.Samples(), s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(scrape.Samples(), s => s.Name.StartsWith("microsoft_entityframeworkcore_", StringComparison.Ordinal));

        // Gauges come from the database, taken every Metrics:SnapshotSeconds: the polling instance, the open request.
        var gauges = await Eventually.Async(host.ScrapeAsync,
            s => s.Value("configadmin_instances", App, Production) == 1 && s.Value("configadmin_change_requests_open", App) == 1,
            TimeSpan.FromSeconds(30));
        Assert.Equal(0, gauges.Value("configadmin_change_requests_open", ("application", scene.Other)));
    }

    [Fact]
    public async Task Scrape_NeverCarriesAnInstanceKeyUserSecretOrConfigurationKeyName()
    {
        var scene = await Scene.PlayAsync(host);
        await scene.WakeAsync();
        var scrape = await Eventually.Async(host.ScrapeAsync,
            s => s.Value("configadmin_instances", ("application", scene.App.ToLowerInvariant()), ("environment", "production")) == 1,
            TimeSpan.FromSeconds(30));

        foreach (var forbidden in scene.Forbidden)
            Assert.DoesNotContain(forbidden, scrape.Text, StringComparison.OrdinalIgnoreCase);
        // Application names are labels in lower case, as they match ignoring case: the caller's spelling never makes a series.
        Assert.DoesNotContain(scene.App, scrape.Text, StringComparison.Ordinal);
        // ConfigAdmin's own series carry only the bounded labels.
        string[] allowed = ["otel_scope_name", "application", "environment", "http_response_status_code", "kind", "origin", "outcome", "le"];
        var ours = scrape.Samples().Where(s => s.Name.StartsWith("configadmin_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, s => Assert.All(s.Labels.Keys, label => Assert.Contains(label, allowed)));
    }

    [Fact]
    public async Task MonitorKey_IsCreatedOverEveryApplication_AndNeverOverAList()
    {
        var created = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("prometheus"), role = "monitor", applications = new[] { "*" } })).JsonAsync();
        Assert.Equal("monitor", created.GetProperty("role").GetString());
        using var monitor = host.ClientWith(created.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/metrics")).StatusCode);

        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var listed = await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("prometheus"), role = "monitor", applications = new[] { app } });
        var problem = await listed.AssertProblemAsync(400, "validation_failed");
        Assert.Contains("monitor key", problem.ToString());
    }

    /// <summary>What the tests do to one fresh application, and the names that must never become labels.</summary>
    private sealed class Scene
    {
        public string App { get; private init; } = "";
        public string Other { get; private init; } = "";
        public List<string> Forbidden { get; } = [];
        private Func<Task> _wake = () => Task.CompletedTask;

        public static async Task<Scene> PlayAsync(MetricsHost host)
        {
            var admin = host.Client;
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var scene = new Scene { App = $"Shop-{suffix}-API", Other = A.Name("quiet") };
            (await admin.PostJsonAsync("/v1/applications", A.Application(scene.App))).EnsureSuccessStatusCode();
            (await admin.PostJsonAsync("/v1/applications", A.Application(scene.Other))).EnsureSuccessStatusCode();
            string secretKey = $"Db{suffix}:Password", plainKey = $"Feature{suffix}:Mode", secretValue = $"s3cret-{suffix}";
            (await admin.PostJsonAsync("/v1/configs", A.Config(scene.App, secretKey, defaultValue: secretValue, secret: true))).EnsureSuccessStatusCode();
            var plain = await (await admin.PostJsonAsync("/v1/configs", A.Config(scene.App, plainKey, defaultValue: "a"))).JsonAsync();
            var plainId = plain.GetProperty("id").GetString()!;
            (await admin.PutJsonAsync($"/v1/configs/{plainId}/overrides/production", new { value = "b" })).EnsureSuccessStatusCode();

            var keyName = $"reader-{suffix}";
            var instance = $"instance-{suffix}";
            // Kept until the wake: the long poll and the stream below are its requests.
            var reader = await host.ClientForKeyAsync("client", name: keyName);
            var url = $"/v1/applications/{scene.App}/config?environment=production";
            string etag = "";
            for (var i = 0; i < 3; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (i == 0) request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", $"{instance};host=web-{suffix};version=1.0");
                var read = await reader.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                etag = read.Headers.ETag!.ToString();
            }
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);

            (await admin.PostJsonAsync($"/v1/applications/{scene.App}/change-requests", new
            {
                title = "Metrics", operations = new[] { new { op = "setOverride", key = plainKey, environment = "staging", value = "c" } },
            })).EnsureSuccessStatusCode();

            // A long poll and a stream, both waiting on production's document; the next write wakes them.
            var poll = new HttpRequestMessage(HttpMethod.Get, url);
            poll.Headers.TryAddWithoutValidation("If-None-Match", etag);
            poll.Headers.TryAddWithoutValidation("Prefer", "wait=60");
            var polling = reader.SendAsync(poll);
            var stream = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/applications/{scene.App}/config/stream?environment=production"),
                HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            await Eventually.Async(host.ScrapeAsync, s => s.Value("configadmin_waiters", ("kind", "long_poll")) >= 1, TimeSpan.FromSeconds(10));

            scene._wake = async () =>
            {
                (await admin.PutJsonAsync($"/v1/configs/{plainId}/overrides/production", new { value = "d" })).EnsureSuccessStatusCode();
                Assert.Equal(HttpStatusCode.OK, (await polling).StatusCode);
                stream.Dispose();
                reader.Dispose();
                // The server sees the stream's end by its next heartbeat at the latest (every second here).
                await Eventually.Async(host.ScrapeAsync, s => s.Value("configadmin_waiters", ("kind", "stream")) == 0, TimeSpan.FromSeconds(10));
            };
            scene.Forbidden.AddRange([instance, $"web-{suffix}", keyName, secretKey, plainKey, secretKey.Replace(':', '_'), plainKey.Replace(':', '_'),
                secretValue, ApiHost.BootstrapKey, "key:bootstrap", "bootstrap"]);
            return scene;
        }

        /// <summary>Writes production's document again: the long poll answers, the stream is closed.</summary>
        public Task WakeAsync() => _wake();
    }
}

public sealed class MetricsTestsOnSqlite(MetricsHost.Sqlite host) : MetricsTests(host), IClassFixture<MetricsHost.Sqlite>;

public sealed class MetricsTestsOnPostgres(MetricsHost.Postgres host) : MetricsTests(host), IClassFixture<MetricsHost.Postgres>;

/// <summary>The app on real Kestrel with metrics on (the default) and the gauges' counts taken every second.</summary>
public abstract class MetricsHost(Provider provider) : ApiHost(provider)
{
    protected override bool OnKestrel => true;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Metrics:SnapshotSeconds", "1");
        builder.UseSetting("Api:StreamHeartbeatSeconds", "1");
    }

    /// <summary>Scrapes <c>/metrics</c> as the bootstrap admin.</summary>
    public async Task<Scrape> ScrapeAsync()
    {
        var response = await Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return new Scrape(text);
    }

    public sealed class Sqlite() : MetricsHost(Provider.Sqlite);

    public sealed class Postgres() : MetricsHost(Provider.Postgres);
}
