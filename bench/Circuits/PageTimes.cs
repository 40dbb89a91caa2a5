using System.Globalization;
using Microsoft.Playwright;

/// <summary>
/// How long each admin page takes to show its content in a real browser, signed in: from the navigation's start to
/// the page's last DOM change, once the circuit is live (the layout's theme button is enabled only then) and the page
/// has stayed unchanged for <see cref="Quiet"/>. That covers the prerendered HTML, the circuit's start and what the
/// page then loads and renders (a tab's content, a grid's rows), which the prerendered HTML alone does not show.
/// </summary>
internal static class PageTimes
{
    /// <summary>Longer than any pause between a page's first render and its data on this machine, so no load is cut short.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    private const string Observe = """
        window.__lastChange = 0;
        new MutationObserver(() => { window.__lastChange = performance.now(); })
          .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        """;

    public static async Task RunAsync(IBrowser browser, string baseUrl, string signedIn, IReadOnlyList<string> paths, int rounds)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, StorageState = signedIn });
        await context.AddInitScriptAsync(Observe);
        Console.WriteLine($"| page (Chromium, signed in, {rounds} visits: navigation start to the last DOM change) | p50 ms | max ms | table rows shown |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var path in paths)
        {
            _ = await VisitAsync(context, path); // warm-up: the page's first query plans and JIT are not what a user waits for
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < rounds; i++)
            {
                var visit = await VisitAsync(context, path);
                times.Add(visit.Ms);
                rows = visit.Rows;
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{path}` | {times[times.Count / 2]:F0} | {times[^1]:F0} | {rows} |"));
        }
    }

    /// <summary>The time to the page's last DOM change, and the table rows it shows then (what its content amounted to).</summary>
    private static async Task<(double Ms, int Rows)> VisitAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Switch to (dark|light) mode$") })).ToBeEnabledAsync();
            while (true)
            {
                var t = await page.EvaluateAsync<double[]>("() => [performance.now(), window.__lastChange]");
                if (t[0] - t[1] >= Quiet.TotalMilliseconds) return (t[1], await page.Locator("tr").CountAsync());
                await Task.Delay(100);
            }
        }
        finally
        {
            await page.GotoAsync("about:blank"); // Blazor's disconnect beacon: the circuit ends now, not after the grace period
            await page.CloseAsync();
        }
    }
}
