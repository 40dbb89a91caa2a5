using System.Collections.Concurrent;
using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>
/// The real app as its own process on a SQLite file, killed with SIGKILL in the middle of a stream of writes and
/// started again: every acknowledged write is there, and every change that is there has its audit entry.
/// </summary>
[Trait("Category", "Database")]
[Collection(LoadCollection.Name)]
public sealed class CrashSafetyTests(TestReport report) : IAsyncLifetime, IClassFixture<TestReport>
{
    private const int Writers = 4;
    private TestDatabase _database = default!;
    private AppProcess? _app;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider.Sqlite);

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

        await Eventually.UntilAsync(() => acknowledged.Count >= 150, TimeSpan.FromSeconds(60), "The writers never had 150 writes acknowledged.");
        await _app!.KillAsync(); // SIGKILL: no shutdown, no flush
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
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private async Task<HttpClient> StartAppAsync()
    {
        _app?.Dispose();
        _app = await AppProcess.StartAsync(_database);
        return _app.Client;
    }

    public Task DisposeAsync()
    {
        _app?.Dispose();
        try { Directory.Delete(_database.Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
