using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bench.Live;

/// <summary>
/// Point in time at scale: an application with 2,000 keys whose values all change 24 times through imports
/// (50,000 revisions in all); then at= reads of the moment after the 12th change, a restore dry run and the restore.
/// </summary>
public static class History
{
    private const int Keys = 2000;
    private const int Changes = 24;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        const string app = "history-bench";
        (await admin.PostAsJsonAsync("/v1/applications", new { name = app, owner = "Bench team", contactEmail = "bench@example.com" }))
            .EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        DateTime moment = default;
        for (var change = 0; change <= Changes; change++)
        {
            await ImportAsync(admin, app, change);
            if (change == Changes / 2)
            {
                await Task.Delay(20);
                moment = DateTime.UtcNow;
                await Task.Delay(20);
            }
        }
        Console.WriteLine($"{Keys} keys x {Changes + 1} imports ({Keys * (Changes + 1):N0} revisions) in {clock.Elapsed.TotalSeconds:F1} s");

        var at = Uri.EscapeDataString(moment.ToString("O"));
        var readAt = $"/v1/applications/{app}/config?environment=production&at={at}";
        var times = new List<double>();
        string? document = null;
        for (var i = 0; i < 30; i++)
        {
            var start = Stopwatch.GetTimestamp();
            document = await admin.GetStringAsync(readAt);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Check(document!, Changes / 2);
        Console.WriteLine($"client read at= ({document!.Length:N0} bytes): {Stats.Summary(times)}");

        times.Clear();
        for (var i = 0; i < 10; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await admin.GetStringAsync($"/v1/configs?application={app}&at={at}&pageSize=100");
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"key list at= (page of 100): {Stats.Summary(times)}");

        var dry = await TimedAsync(() => admin.PostAsJsonAsync($"/v1/applications/{app}/restore", new { at = moment, dryRun = true }));
        Console.WriteLine($"restore dry run (diff of {Keys} keys): {dry:F0} ms");
        var restore = await TimedAsync(() => admin.PostAsJsonAsync($"/v1/applications/{app}/restore", new { at = moment }));
        Console.WriteLine($"restore ({Keys} keys changed in one transaction): {restore:F0} ms");
        Check(await admin.GetStringAsync($"/v1/applications/{app}/config?environment=production"), Changes / 2);
        Console.WriteLine("after the restore the client read equals the at= document");
        return 0;
    }

    private static async Task ImportAsync(HttpClient admin, string app, int change)
    {
        var file = new StringBuilder("{");
        for (var k = 0; k < Keys; k++) file.Append(k == 0 ? "" : ",").Append($"\"Section{k % 20}:Key{k:D4}\":{Value(k, change)}");
        using var body = new StringContent(file.Append('}').ToString(), Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync($"/v1/applications/{app}/import?format=flat&mode=merge", body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import {change}: {await response.Content.ReadAsStringAsync()}");
    }

    private static long Value(int key, int change) => key * 1000L + change;

    private static void Check(string document, int change)
    {
        using var json = JsonDocument.Parse(document);
        var value = json.RootElement.GetProperty("Section7:Key0007").GetInt64();
        if (value != Value(7, change)) throw new InvalidOperationException($"expected the values of import {change}, found {value}");
    }

    private static async Task<double> TimedAsync(Func<Task<HttpResponseMessage>> call)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await call();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
