using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// Every page loads in Chromium with the Content-Security-Policy on and logs no console error: the one inline script
/// Blazor writes (the import map) is allowed by its hash, never by <c>'unsafe-inline'</c>.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class ConsoleErrorTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task EveryPage_LogsNoConsoleError_WithTheCspOn()
    {
        var name = await NewApplicationAsync("console", (configs, app) =>
            configs.CreateAsync(new(app, "Greeting", ConfigValueType.String, "hello", null, false, new Dictionary<string, string?> { ["production"] = "hi" })));
        var errors = new List<string>();
        var anonymous = await NewPageAsync(signedIn: false);
        var page = await NewPageAsync();
        using var watchAnonymous = Watch(anonymous, errors);
        using var watch = Watch(page, errors);

        // The account forms are server-rendered, without a circuit.
        await anonymous.GotoAsync("account/signin");
        await Expect(anonymous.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("account/password");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change password" })).ToBeVisibleAsync();
        foreach (var address in new[]
                 {
                     "", "applications", $"applications/{name}", $"applications/{name}?tab=resolved", $"applications/{name}?tab=history",
                     $"applications/{name}?tab=clients", $"applications/{name}/compare?from=staging&to=production",
                     $"applications/{name}/text?layer=production&format=env", "environments", "audit", "search?q=Greeting",
                     "admin/users", "admin/api-keys", "admin/webhooks", NotFoundAddress,
                 })
        {
            await page.GotoAsync(address);
            // Interactive: the circuit is up and has rendered, so its scripts have run (or failed) by now.
            await Expect(ThemeToggle(page, dark: false)).ToBeEnabledAsync();
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task TheWatch_SeesAnInlineScriptTheCspBlocks()
    {
        // The check above passes only if it can fail: an inline script that is not the import map is refused, and said so.
        var errors = new List<string>();
        var page = await NewPageAsync(signedIn: false);
        using var watch = Watch(page, errors);
        await page.GotoAsync("account/signin");

        await page.EvaluateAsync("() => document.head.appendChild(Object.assign(document.createElement('script'), { textContent: 'window.injected = 1' }))");

        Assert.True(await Eventually.TrueAsync(() => { lock (errors) return errors.Any(e => e.Contains("Content Security Policy", StringComparison.Ordinal)); },
            TimeSpan.FromSeconds(10)), "no console error for a blocked inline script: " + string.Join("\n", errors));
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === 1"));
    }

    [Fact]
    public async Task ThePolicy_AllowsThePagesImportMapByItsHash_AndNoOtherInlineScript()
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };

        using var response = await client.GetAsync("account/signin");

        var html = await response.Content.ReadAsStringAsync();
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "the page has no inline import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        var scriptSrc = response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim())
            .Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal($"script-src 'self' 'sha256-{hash}'", scriptSrc);
    }

    private const string NotFoundAddress = "no/such/page";

    private Uri NotFound => new(App.BaseAddress, NotFoundAddress);

    /// <summary>Collects the page's console errors and uncaught exceptions until disposed (pages go back to a pool).</summary>
    private IDisposable Watch(IPage page, List<string> errors)
    {
        void OnConsole(object? _, IConsoleMessage message)
        {
            // The not-found page is a 404 on purpose, and Chromium reports any document's error status.
            if (message.Type == "error" && !(message.Location.StartsWith(NotFound.AbsoluteUri, StringComparison.Ordinal) && message.Text.Contains("status of 404", StringComparison.Ordinal)))
                lock (errors) errors.Add($"{page.Url}: {message.Text}");
        }
        void OnPageError(object? _, string error)
        {
            lock (errors) errors.Add($"{page.Url}: uncaught {error}");
        }
        page.Console += OnConsole;
        page.PageError += OnPageError;
        return new Unsubscribe(() =>
        {
            page.Console -= OnConsole;
            page.PageError -= OnPageError;
        });
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    [GeneratedRegex("""<script type="importmap">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
