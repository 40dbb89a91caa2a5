using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Live;

/// <summary>
/// Rollouts (design §14) on one node:
///   setup     two applications with the same keys; one gets a rollout at 50 % (a one-value change), the other none;
///             their read paths go to --paths-file for the paired wrk runs of bench/rollout.sh.
///   rollback  N instances (each its own ConfigAdmin-Client id) park a long poll on the document they were served at
///             99 %; one reports failing; the delay from that report to each target-holder's 200 with the base.
/// </summary>
public static class Rollouts
{
    public static async Task<int> SetupAsync(BenchOptions o, string pathsFile)
    {
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        var plain = await ApplicationAsync(admin, "ro-plain", keys: 200);
        var active = await ApplicationAsync(admin, "ro-active", keys: 200);
        await RollOutAsync(admin, active, percent: 50, maxFailingRatio: 1);
        await File.WriteAllLinesAsync(pathsFile, [ReadPath(plain, o), ReadPath(active, o)]);
        return 0;
    }

    public static async Task<int> RollbackAsync(BenchOptions o)
    {
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        using var reader = Nodes.Client(o.Url, o.ReadKey);
        var app = await ApplicationAsync(admin, "ro-rollback", keys: 50);
        var rollout = await RollOutAsync(admin, app, percent: 99, maxFailingRatio: 0);
        var target = rollout.GetProperty("targetETag").GetString()!;
        var path = ReadPath(app, o);

        // Each instance reads once (as a client library's first load), then parks a long poll on what it got.
        var etags = new string[o.N];
        await Parallel.ForEachAsync(Enumerable.Range(0, o.N), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", Header(i));
            using var response = await reader.SendAsync(request);
            response.EnsureSuccessStatusCode();
            etags[i] = response.Headers.ETag!.ToString();
        });
        var holders = Enumerable.Range(0, o.N).Where(i => etags[i] == target).ToList();
        var polls = new Task<(int Status, long At)>[o.N];
        for (var i = 0; i < o.N; i++)
        {
            polls[i] = RawPoll.ParkAsync(o, path, etags[i], Header(i));
            if (i % 250 == 249) await Task.Delay(25); // stay inside the listen backlog while connecting
        }
        var (_, parked) = await Nodes.HeapAsync(admin);
        for (var tries = 0; parked < o.N && tries < 120; tries++)
        {
            await Task.Delay(500);
            (_, parked) = await Nodes.HeapAsync(admin);
        }
        Console.WriteLine($"instances: {o.N} long polls parked ({parked} by the node's count), {holders.Count} on the target, {o.N - holders.Count} on the base");
        await Task.Delay(1500); // the clock's next flush writes what was served; the report below flushes its own rollout anyway

        var reporter = holders[0];
        var sent = Stopwatch.GetTimestamp();
        using (var report = await reader.PostAsJsonAsync($"/v1/applications/{app}/clients/{Id(reporter)}/health?environment={o.Environment}",
                   new { status = "failing", reason = "bench: cannot bind", etag = target }))
            report.EnsureSuccessStatusCode();
        var answered = Stopwatch.GetTimestamp();

        var woken = await Task.WhenAll(holders.Select(i => polls[i])).WaitAsync(TimeSpan.FromSeconds(60));
        var early = Enumerable.Range(0, o.N).Except(holders).Count(i => polls[i].IsCompleted);
        RawPoll.CloseAll();
        var ok = woken.Count(w => w.Status == 200);
        Console.WriteLine($"report answered (rolled back) after {Nodes.Ms(sent, answered):F1} ms");
        Console.WriteLine($"target holders woken with the base: {ok} of {holders.Count}; base holders woken: {early} (expected 0)");
        Console.WriteLine($"delay from sending the tipping report to each target holder's 200: {Stats.Summary(woken.Where(w => w.Status == 200).Select(w => Nodes.Ms(sent, w.At)).ToList())}");
        return ok == holders.Count && early == 0 ? 0 : 1;
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string Id(int i) => $"bench-{i:D5}";

    private static string Header(int i) => $"{Id(i)}; host=bench; version=1";

    private static string ReadPath(string app, BenchOptions o) => $"/v1/applications/{app}/config?environment={o.Environment}";

    /// <summary>A new application with <paramref name="keys"/> string keys, each with a production override.</summary>
    private static async Task<string> ApplicationAsync(HttpClient admin, string prefix, int keys)
    {
        var name = $"{prefix}-{Random.Shared.Next(100_000, 999_999)}";
        await Ok(await admin.PostAsJsonAsync("/v1/applications", new { name, description = "rollout bench", owner = "bench", contactEmail = "bench@example.com" }));
        for (var k = 0; k < keys; k++)
        {
            await Ok(await admin.PostAsJsonAsync("/v1/configs", new
            {
                application = name, key = $"Section{k % 10}:Key{k:D3}", valueType = "string", defaultValue = $"default value {k:D3} of the bench",
                overrides = new Dictionary<string, string> { ["production"] = $"production value {k:D3} of the bench" },
            }));
        }
        return name;
    }

    /// <summary>Files a request changing one production value and applies it as a rollout: <paramref name="percent"/> for an hour, then 100 %.</summary>
    private static async Task<JsonElement> RollOutAsync(HttpClient admin, string app, int percent, double maxFailingRatio)
    {
        using var filed = await admin.PostAsJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "bench", operations = new[] { new { op = "setOverride", key = "Section0:Key000", environment = "production", value = "the target value" } },
        });
        filed.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var applied = await admin.PostAsJsonAsync($"/v1/applications/{app}/change-requests/{id}/apply", new
        {
            rollout = new { stages = new object[] { new { percent, bakeSeconds = 3600 }, new { percent = 100 } }, maxFailingRatio },
        });
        var body = await applied.Content.ReadAsStringAsync();
        if (!applied.IsSuccessStatusCode) throw new InvalidOperationException($"apply with rollout: {(int)applied.StatusCode} {body}");
        var rollout = JsonDocument.Parse(body).RootElement.GetProperty("rollout").GetProperty("id").GetInt64();
        return JsonDocument.Parse(await admin.GetStringAsync($"/v1/rollouts/{rollout}")).RootElement.Clone();
    }
}

/// <summary>A long poll on its own kept-alive socket, as a separate client holds it; answered when its first bytes arrive.</summary>
public static class RawPoll
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<System.Net.Sockets.Socket> Open = [];

    public static async Task<(int Status, long At)> ParkAsync(BenchOptions o, string path, string etag, string clientHeader)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        Open.Add(socket);
        await socket.ConnectAsync(o.Url.Host, o.Url.Port);
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: {o.Url.Authority}\r\nAuthorization: Bearer {o.ReadKey}\r\nConfigAdmin-Client: {clientHeader}\r\n" +
            $"If-None-Match: {etag}\r\nPrefer: wait=120\r\n\r\n"));
        var buffer = new byte[16384];
        var received = await socket.ReceiveAsync(buffer);
        var at = Stopwatch.GetTimestamp();
        return (received >= 12 && int.TryParse(buffer.AsSpan(9, 3), out var code) ? code : 0, at);
    }

    public static void CloseAll()
    {
        foreach (var socket in Open) socket.Dispose();
    }
}
