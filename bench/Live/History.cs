using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bench.Live;

/// <summary>
/// Point in time at scale: an application with 2,000 keys whose values all change through imports (--imports, 50 by
/// default: 100,000 revisions in all); then at= reads of the moment after the middle import, restore dry runs, the
/// History tab as a signed-in admin opens it (its prerendered page), and the restore.
/// </summary>
public static class History
{
    private const int Keys = 2000;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var changes = o.Imports - 1;
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        const string app = "history-bench";
        (await admin.PostAsJsonAsync("/v1/applications", new { name = app, owner = "Bench team", contactEmail = "bench@example.com" }))
            .EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        // The moment after each import: the middle one is read again and again, ten others once each (never read before).
        var moments = new List<DateTime>();
        for (var change = 0; change <= changes; change++)
        {
            await ImportAsync(admin, app, change);
            await Task.Delay(20);
            moments.Add(DateTime.UtcNow);
            await Task.Delay(20);
        }
        var moment = moments[changes / 2];
        Console.WriteLine($"{Keys} keys x {changes + 1} imports ({Keys * (changes + 1):N0} revisions) in {clock.Elapsed.TotalSeconds:F1} s");

        var others = Enumerable.Range(0, 10).Select(i => i * changes / 10 + 1).Where(c => c != changes / 2 && c <= changes).ToList();
        var firstReads = new List<double>();
        foreach (var c in others)
        {
            var start = Stopwatch.GetTimestamp();
            Check(await admin.GetStringAsync($"/v1/applications/{app}/config?environment=production&at={Uri.EscapeDataString(moments[c].ToString("O"))}"), c);
            firstReads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"client read at= {others.Count} moments, each read once: {Stats.Summary(firstReads)}");

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
        Check(document!, changes / 2);
        Console.WriteLine($"client read at= one moment ({document!.Length:N0} bytes), 30 reads: first {times[0]:F1} ms, then {Stats.Summary(times[1..])}");

        times.Clear();
        for (var i = 0; i < 10; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await admin.GetStringAsync($"/v1/configs?application={app}&at={at}&pageSize=100");
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"key list at= (page of 100), 10 reads: first {times[0]:F1} ms, then {Stats.Summary(times[1..])}");

        times.Clear();
        for (var i = 0; i < 10; i++)
            times.Add(await TimedAsync(() => admin.PostAsJsonAsync($"/v1/applications/{app}/restore", new { at = moment, dryRun = true })));
        Console.WriteLine($"restore dry run (diff of {Keys} keys), 10 runs: first {times[0]:F1} ms, then {Stats.Summary(times[1..])}");

        using var browser = await SignedIn.SignInAsync(o.Url, o.AdminEmail, o.AdminPassword);
        times.Clear();
        var bytes = 0;
        for (var i = 0; i < 10; i++)
        {
            var (ms, length) = await SignedIn.GetAsync(browser, $"/applications/{app}?tab=history");
            times.Add(ms);
            bytes = length;
        }
        Console.WriteLine($"History tab, signed in (prerendered page: the newest changes and audit entries, {bytes:N0} chars): {Stats.Summary(times)}");

        var restore = await TimedAsync(() => admin.PostAsJsonAsync($"/v1/applications/{app}/restore", new { at = moment }));
        Console.WriteLine($"restore ({Keys} keys changed in one transaction): {restore:F0} ms");
        Check(await admin.GetStringAsync($"/v1/applications/{app}/config?environment=production"), changes / 2);
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
