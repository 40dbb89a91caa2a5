using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>What a test asks a page for: its viewport, and whether it starts signed in as the admin.</summary>
public readonly record struct PageKind(int Width, int Height, bool SignedIn);

/// <summary>
/// Browser pages handed from one test of a collection to the next. A fresh context costs Chromium about 1.5 s of CPU
/// to start its renderer and about 2.5 s more for its first page, which compiles the app's scripts cold; an earlier
/// test's page costs neither. A page comes back to the pool as a fresh context would be: no cookies but the ones it
/// started with, no local or session storage, no routes, its viewport and reduced motion, on about:blank, its circuit
/// closed. A page that is closed, opened others or cannot be reset is closed with its context instead.
/// </summary>
public sealed class PagePool(Uri baseAddress)
{
    private readonly ConcurrentDictionary<PageKind, ConcurrentQueue<IPage>> _idle = new();
    private readonly ConcurrentDictionary<IBrowserContext, Cookie[]> _startingCookies = new();

    /// <summary>An idle page of that kind, or one in a new context (signed in with <paramref name="signedInState"/>).</summary>
    public async Task<IPage> RentAsync(IBrowser browser, PageKind kind, Func<Task<string>> signedInState)
    {
        if (_idle.TryGetValue(kind, out var idle) && idle.TryDequeue(out var page)) return page;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = kind.Width, Height = kind.Height },
            StorageState = kind.SignedIn ? await signedInState() : null,
            // The system's "reduce motion" setting, which the app honours (app.css): transitions end at once, and no
            // step waits most of a second for the theme's colours to settle.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(30_000); // generous: CI runs other test classes beside these
        _startingCookies[context] = [.. (await context.CookiesAsync()).Select(AsCookie)];
        return await context.NewPageAsync();
    }

    /// <summary>Resets the page and keeps it for the next test that asks for its kind, or closes its context.</summary>
    public async Task ReturnAsync(IPage page, PageKind kind)
    {
        var context = page.Context;
        if (!page.IsClosed && context.Pages.Count == 1 && await TryResetAsync(page, kind)) _idle.GetOrAdd(kind, _ => new()).Enqueue(page);
        else
        {
            _startingCookies.TryRemove(context, out _);
            await context.CloseAsync();
        }
    }

    private async Task<bool> TryResetAsync(IPage page, PageKind kind)
    {
        var context = page.Context;
        try
        {
            await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
            // Leaving the app's page closes its circuit; storage is cleared from the app's own origin (a tiny response).
            await page.GotoAsync("health");
            await page.EvaluateAsync("() => { localStorage.clear(); sessionStorage.clear(); }");
            await page.GotoAsync("about:blank");
            await context.ClearCookiesAsync();
            await context.AddCookiesAsync(_startingCookies[context]);
            await page.SetViewportSizeAsync(kind.Width, kind.Height);
            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
            return true;
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static Cookie AsCookie(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
        HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
    };
}
