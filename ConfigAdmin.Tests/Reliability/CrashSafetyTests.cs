using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>
/// The real app as its own process on a SQLite file, killed with SIGKILL in the middle of a stream of writes and
/// started again: every acknowledged write is there, and every change that is there has its audit entry.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(LoadCollection.Name)]
public sealed class CrashSafetyTests(TestReport report) : IAsyncLifetime, IClassFixture<TestReport>
{
    private const int Writers = 4;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "configadmin-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _app;

    private string Database => Path.Combine(_folder, "crash.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sigkill_DuringWrites_LosesNoAcknowledgedWriteAndLeavesNoUnauditedChange()
    {
        var client = await StartAppAsync();
        var app = A.Name("crash");
        (await client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var acknowledged = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"W{w}:K{i}";
                try
                {
                    var response = await client.PostJsonAsync("/v1/configs", A.Config(app, key, defaultValue: $"v{i}",
                        overrides: new() { ["production"] = $"p{i}" }));
                    if (response.StatusCode == HttpStatusCode.Created) acknowledged[key] = $"p{i}";
                }
                catch (HttpRequestException)
                {
                    return; // the process is gone: whatever was in flight was never acknowledged
                }
            }
        })).ToList();

        while (acknowledged.Count < 150) await Task.Delay(20);
        _app!.Kill(); // SIGKILL: no shutdown, no flush
        await _app.WaitForExitAsync();
        await Task.WhenAll(writers);

        client = await StartAppAsync();
        var present = await ResolvedAsync(client, app);
        foreach (var (key, value) in acknowledged)
        {
            Assert.True(present.TryGetValue(key, out var stored), $"acknowledged write {key} was lost");
            Assert.Equal(value, stored);
        }
        var audited = await AuditedKeysAsync(client, app);
        foreach (var key in present.Keys) Assert.Contains(key, audited);
        Assert.Equal(present.Count, audited.Count);
        Assert.Equal("ok", IntegrityCheck());
        report.Write($"crash test: SIGKILL after {acknowledged.Count} acknowledged writes; after restart {present.Count} keys present, " +
                     $"all acknowledged ones among them, {audited.Count} with their audit entry; integrity_check ok");
    }

    private async Task<Dictionary<string, string>> ResolvedAsync(HttpClient client, string app)
    {
        var doc = await (await client.GetAsync($"/v1/applications/{app}/config?environment=production")).JsonAsync();
        return doc.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static async Task<HashSet<string>> AuditedKeysAsync(HttpClient client, string app)
    {
        var keys = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var body = await (await client.GetAsync($"/v1/audit?application={app}&entityType=config&action=created&pageSize=500&page={page}")).JsonAsync();
            var items = body.GetProperty("items");
            foreach (var item in items.EnumerateArray()) keys.Add(item.GetProperty("key").GetString()!);
            if (items.GetArrayLength() < 500) return keys;
        }
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private async Task<HttpClient> StartAppAsync()
    {
        var port = FreePort();
        var web = WebOutputFolder();
        _app = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(web, "ConfigAdmin.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing",
                "--contentRoot", web, "--ConnectionStrings:ConfigAdmin", $"Data Source={Database}",
                "--Serilog:MinimumLevel:Default", "Warning",
                "--Security:MasterKey", TestDatabase.MasterKey, "--Security:BootstrapApiKey", ApiHost.BootstrapKey,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _app.OutputDataReceived += (_, _) => { };
        _app.ErrorDataReceived += (_, _) => { };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }.WithKey();
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return client;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("The app did not become ready.");
    }

    /// <summary>ConfigAdmin.Web's own build output (same configuration as this test assembly).</summary>
    private static string WebOutputFolder()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConfigAdmin.sln"))) root = root.Parent;
        return Path.Combine(root!.FullName, "ConfigAdmin.Web", "bin", configuration, "net10.0");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_app is { HasExited: false }) _app.Kill();
        _app?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
