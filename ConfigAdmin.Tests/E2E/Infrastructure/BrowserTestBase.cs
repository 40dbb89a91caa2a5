using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>
/// The collection's Chromium (the system one: never <c>playwright install</c>); each page in a context of its own, handed
/// on between tests (<see cref="PagePool"/>).
/// </summary>
public abstract class BrowserTestBase(AppHostFixture app) : IAsyncLifetime
{
    private readonly List<(IPage Page, PageKind Kind)> _pages = [];

    // Playwright's assertions wait 5 s by default; the first steps of a collection, on an app and a browser both still
    // cold on two shared cores, have needed more (a theme switch once missed by a hair). Passing assertions return as
    // soon as they hold, so only a failure waits longer.
    static BrowserTestBase() => SetDefaultExpectTimeout(15_000);

    protected AppHostFixture App { get; } = app;
    protected IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync() => Browser = await App.BrowserAsync();

    /// <summary>Waits until the page's transitions are over (endless ones, such as a spinner, excepted): colours and layout as they end up.</summary>
    public static Task WaitForTransitionsAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)");

    /// <summary>docs/screenshots in the repository, which the browser suites refresh.</summary>
    public static string ScreenshotsFolder { get; } = FindScreenshotsFolder();

    /// <summary>
    /// Saves the page's picture to docs/screenshots once fonts are in and transitions over; not "network idle": a
    /// circuit that had to fall back from WebSockets to long polling (it happened on a loaded machine) keeps a request
    /// open at all times, and that wait never ended.
    /// </summary>
    public static async Task SaveScreenshotAsync(IPage page, string file)
    {
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await WaitForTransitionsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotsFolder, file) });
    }

    private static string FindScreenshotsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConfigAdmin.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
        }
        throw new InvalidOperationException("ConfigAdmin.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app bar's theme button, as it reads in the given theme ("Switch to light mode" when dark).</summary>
    public static ILocator ThemeToggle(IPage page, bool dark) =>
        page.GetByRole(AriaRole.Button, new() { Name = dark ? "Switch to light mode" : "Switch to dark mode", Exact = true });

    /// <summary>
    /// Switches the theme with the app bar's toggle, as a user does, waits until the page reads in the other theme, and
    /// moves the pointer off the toggle (no hover ring in a picture). Returns whether the page is now dark.
    /// </summary>
    public static async Task<bool> SwitchThemeAsync(IPage page, bool dark)
    {
        await ThemeToggle(page, dark).ClickAsync();
        await Expect(ThemeToggle(page, !dark)).ToBeEnabledAsync();
        await page.Mouse.MoveAsync(1, page.ViewportSize!.Height - 1);
        return !dark;
    }

    /// <summary>The system Chromium's headless shell, as every browser test runs it (test.sh installs it).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium-headless-shell",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run",
            ],
        });

    /// <summary>
    /// A page in a browser context of its own (its own cookies and storage, so its own circuit), signed in as the admin
    /// unless told otherwise: an earlier test's, reset, when there is one (<see cref="PagePool"/>).
    /// </summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool signedIn = true)
    {
        var kind = new PageKind(width, height, signedIn);
        var page = await App.Pages.RentAsync(Browser, kind, () => App.SignedInStateAsync(Browser));
        _pages.Add((page, kind));
        return page;
    }

    /// <summary>
    /// A new application named <see cref="Unique"/>(<paramref name="prefix"/>), with the keys <paramref name="keys"/>
    /// creates, through the app's own services.
    /// </summary>
    protected async Task<string> NewApplicationAsync(string prefix, Func<ConfigService, string, Task> keys)
    {
        var name = Unique(prefix);
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            await keys(s.GetRequiredService<ConfigService>(), name);
        });
        return name;
    }

    /// <summary>A new application with keys (key, type, default, production override), made through the app's services.</summary>
    protected Task<string> NewApplicationAsync(string prefix, params (string Key, ConfigValueType Type, string? Default, string? Production)[] keys) =>
        NewApplicationAsync(prefix, async (configs, name) =>
        {
            foreach (var (key, type, value, production) in keys)
            {
                await configs.CreateAsync(new(name, key, type, value, null, false,
                    production is null ? null : new Dictionary<string, string?> { ["production"] = production }));
            }
        });

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task DisposeAsync()
    {
        foreach (var (page, kind) in _pages) await App.Pages.ReturnAsync(page, kind);
    }
}
