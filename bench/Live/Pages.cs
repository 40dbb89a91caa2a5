namespace Bench.Live;

/// <summary>
/// Every admin page and tab as a signed-in admin opens it, on a fleet-sized data set (bench/pages.sh): each GET timed to
/// the last byte of its prerendered HTML. Grids that load their rows only once the page is interactive (the
/// applications list, search, audit, API keys, environments) are timed by the REST call that runs the same service
/// query with the same filters, which is what the user waits for after the page appears.
/// </summary>
public static class Pages
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var browser = await SignedIn.SignInAsync(o.Url, o.AdminEmail, o.AdminPassword);
        using var api = Nodes.Client(o.Url, o.AdminKey);
        const string large = "app-large";
        var pages = await File.ReadAllLinesAsync(o.PagesFile ?? throw new ArgumentException("--pages-file is required"));
        string[] rest =
        [
            "/v1/applications?pageSize=25", "/v1/applications?search=app-05&pageSize=25", "/v1/applications?search=bench&pageSize=25",
            $"/v1/configs?application={large}&pageSize=50", $"/v1/configs?application={large}&search=Key19&pageSize=50",
            "/v1/search?q=Key042", "/v1/audit?pageSize=50", $"/v1/audit?application={large}&pageSize=50",
        ];
        Console.WriteLine($"| page (signed-in GET, prerendered HTML) | chars | p50 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var path in pages) await TimeAsync(o.Rounds, path, () => SignedIn.GetAsync(browser, path));
        Console.WriteLine();
        Console.WriteLine($"| data of a grid that loads once interactive (REST, admin key) | chars | p50 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var path in rest) await TimeAsync(o.Rounds, path, () => RestAsync(api, path));
        return 0;
    }

    private static async Task TimeAsync(int rounds, string path, Func<Task<(double Ms, int Bytes)>> get)
    {
        var (_, bytes) = await get(); // the first GET warms what every later one shares (JIT, the page's first query plans)
        var times = new List<double>();
        for (var i = 0; i < rounds; i++) times.Add((await get()).Ms);
        var sorted = times.Order().ToArray();
        Console.WriteLine(FormattableString.Invariant($"| `{path}` | {bytes:N0} | {sorted[sorted.Length / 2]:F0} | {sorted[^1]:F0} |"));
    }

    private static async Task<(double Ms, int Bytes)> RestAsync(HttpClient api, string path)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var body = await api.GetStringAsync(path);
        return (System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds, body.Length);
    }
}
