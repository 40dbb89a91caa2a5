// Weighs Blazor circuits: opens N browser pages (each its own context, so its own circuit) on one route, asks the
// app for its live managed heap after a full GC (GET /_bench/heap, only present with Bench:Diagnostics=true), and
// reports the growth per circuit. Run by bench/circuits.sh. With --pages FILE it times each page of FILE in the
// browser instead (PageTimes.cs; bench/pages.sh).
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

var options = Args.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
// Seeding writes as the bench's admin key (Security:BootstrapApiKey); /_bench/heap needs none.
if (Environment.GetEnvironmentVariable("ADMIN_KEY") is { Length: > 0 } adminKey)
    http.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
if (options.SeedOnly)
{
    await Seed.RunAsync(http, options.App, options.Keys, options.Environments);
    Console.Error.WriteLine($"seeded '{options.App}': {options.Keys} keys, {options.Environments} environments");
    return;
}

// Generous: forty pages load on two shared cores.
Assertions.SetDefaultExpectTimeout(60_000);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium-headless-shell", Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
});
var scenarios = new (string Name, string Path, Func<IPage, Task> Ready)[]
{
    ("dashboard", "/", async p =>
    {
        await Assertions.Expect(p.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeEnabledAsync();
        await p.Locator("[aria-label^='Applications: ']").WaitForAsync();
    }),
    ("application", $"/applications/{options.App}", async p =>
    {
        await Assertions.Expect(p.GetByRole(AriaRole.Button, new() { Name = "Add key", Exact = true })).ToBeEnabledAsync();
        await p.Locator("td[data-label]").First.WaitForAsync();
    }),
};

// Every page is an admin's, signed in once through the form (Security:InitialAdmin); each context reuses the cookie.
var signedIn = await SignInAsync();
if (options.PagesFile is { } pagesFile)
{
    await PageTimes.RunAsync(browser, options.BaseUrl, signedIn, await File.ReadAllLinesAsync(pagesFile), options.Rounds);
    return;
}

// Warm-up: JIT and caches are the app's, not a circuit's; load each page once before the baseline.
foreach (var s in scenarios) await CloseAsync(await OpenAsync(s.Path, s.Ready, 1));

// Two figures per page. Marginal: open N/2 pages, weigh, open N/2 more, weigh; (second - first) / (N/2) is what one
// more circuit costs, with the process's own costs (caches, JIT, the shared array pools, which keep a buffer per size
// on each thread and trim them over time) the same at both weighings. Including start-up: (heap with N - heap before)
// / N, which also counts whatever the pools and caches gained while the pages opened. The heap after closing shows
// what the process kept once no circuit was open.
Console.WriteLine("| page | circuits | heap before (MB) | heap with N/2 (MB) | heap with N (MB) | heap after closing (MB) | per circuit, marginal (MB) | per circuit, incl. start-up (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var s in scenarios)
{
    var half = options.Circuits / 2;
    var before = await HeapAsync(expectCircuits: 0);
    var pages = await OpenAsync(s.Path, s.Ready, half);
    var withHalf = await HeapAsync(expectCircuits: half);
    pages.AddRange(await OpenAsync(s.Path, s.Ready, options.Circuits - half));
    var with = await HeapAsync(expectCircuits: options.Circuits);
    if (options.GcdumpPid is { } pid) await GcdumpAsync(pid, Path.Combine(options.GcdumpDir, $"{s.Name}.gcdump"));
    await CloseAsync(pages);
    var after = await HeapAsync(expectCircuits: 0);
    if (options.GcdumpPid is { } again) await GcdumpAsync(again, Path.Combine(options.GcdumpDir, $"{s.Name}-closed.gcdump"));
    var marginal = (with - withHalf) / (double)(options.Circuits - half);
    var all = (with - before) / (double)options.Circuits;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {s.Name} | {options.Circuits} | {Mb(before)} | {Mb(withHalf)} | {Mb(with)} | {Mb(after)} | {marginal / 1048576:F2} | {all / 1048576:F2} |"));
}

async Task<List<IBrowserContext>> OpenAsync(string path, Func<IPage, Task> ready, int n)
{
    var contexts = new List<IBrowserContext>();
    // A few at a time: two shared cores serve both the browser and the app.
    foreach (var batch in Enumerable.Range(0, n).Chunk(4))
    {
        contexts.AddRange(await Task.WhenAll(batch.Select(async _ =>
        {
            var context = await browser.NewContextAsync(new()
            {
                BaseURL = options.BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 }, StorageState = signedIn,
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await ready(page);
            return context;
        })));
    }
    return contexts;
}

async Task<string> SignInAsync()
{
    await using var context = await browser.NewContextAsync(new() { BaseURL = options.BaseUrl });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/account/signin");
    await page.GetByLabel("E-mail").FillAsync(Environment.GetEnvironmentVariable("ADMIN_EMAIL") ?? "bench@example.com");
    await page.GetByLabel("Password").FillAsync(Environment.GetEnvironmentVariable("ADMIN_PASSWORD") ?? "");
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");
    return await context.StorageStateAsync();
}

async Task CloseAsync(List<IBrowserContext> contexts)
{
    // Leaving the page sends Blazor's disconnect beacon, so the server ends the circuit at once instead of
    // keeping it for the reconnect grace period.
    foreach (var context in contexts)
    {
        foreach (var page in context.Pages) await page.GotoAsync("about:blank");
        await context.CloseAsync();
    }
}

async Task<long> HeapAsync(int expectCircuits)
{
    // Up to four minutes: a page closed without its disconnect beacon keeps its circuit for the reconnect grace
    // period (three minutes by default; five seconds with bench diagnostics on, from commit 8553e17).
    for (var attempt = 0; ; attempt++)
    {
        var heap = await http.GetFromJsonAsync<Heap>("/_bench/heap") ?? throw new InvalidOperationException("no heap answer");
        if (heap.Circuits == expectCircuits) return heap.HeapBytes;
        if (attempt == 480) throw new InvalidOperationException($"{heap.Circuits} circuits open, expected {expectCircuits}");
        await Task.Delay(500);
    }
}

// A gcdump of the app while the pages are open, to see which types a circuit keeps.
static async Task GcdumpAsync(string pid, string file)
{
    using var dump = System.Diagnostics.Process.Start("dotnet-gcdump", ["collect", "-p", pid, "-o", file])!;
    await dump.WaitForExitAsync();
}

static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

internal sealed record Heap(long HeapBytes, int Circuits);

internal sealed record Args(string BaseUrl, string App, int Circuits, int Keys, int Environments, bool SeedOnly,
    string? GcdumpPid, string GcdumpDir, string? PagesFile, int Rounds)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback) =>
            args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        return new(Get("base", "http://127.0.0.1:5080"), Get("app", "bench-app"), int.Parse(Get("circuits", "40")),
            int.Parse(Get("keys", "30")), int.Parse(Get("environments", "8")), args.Contains("--seed"),
            args.Contains("--gcdump-pid") ? Get("gcdump-pid", "") : null, Get("gcdump-dir", "."),
            args.Contains("--pages") ? Get("pages", "") : null, int.Parse(Get("rounds", "3")));
    }
}
