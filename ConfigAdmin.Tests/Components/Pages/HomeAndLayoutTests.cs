using Bunit;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Layout;
using ConfigAdmin.Web.Components.Pages;
using System.Reflection;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class HomeAndLayoutTests : ComponentTestBase
{
    [Fact]
    public async Task Home_WithData_ShowsCountsAndRecentChanges()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "A");

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Applications: 1']")));
        Assert.NotNull(cut.Find("[aria-label='Keys: 1']"));
        Assert.NotNull(cut.Find("[aria-label='Environments: 3']"));
        Assert.Contains("/applications/shop", cut.Markup);
    }

    [Fact]
    public void Layout_DarkModeToggle_RemembersTheChoiceInTheBrowser()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        cut.Find("button[aria-label='Switch to dark mode']").Click();

        Assert.True((bool)JSInterop.VerifyInvoke("configAdmin.setDarkMode").Arguments[0]!);
        Assert.NotNull(cut.Find("button[aria-label='Switch to light mode']"));
    }

    [Fact]
    public void Layout_UnexpectedError_ShowsTheErrorPanelWithATraceIdAndKeepsNavigation()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<Thrower>(0);
            b.CloseComponent();
        })));

        cut.Find("button[aria-label='Fail']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Markup));
        Assert.Matches("report the trace id <code>[0-9a-f]{32}</code>", cut.Markup);
        Assert.NotNull(cut.Find("a[href='/environments']"));
    }

    [Fact]
    public async Task Layout_Disposed_StopsListeningToNavigation()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
        Assert.Contains(LocationChangedListeners(navigation), l => l is MainLayout);

        await DisposeComponentsAsync();

        // Services (the snackbar's) may listen for the circuit's life; no disposed component may.
        Assert.DoesNotContain(LocationChangedListeners(navigation), l => l is IComponent);
    }

    [Fact]
    public void ErrorPanel_RenderedAgainWithTheSameError_LogsItOnce()
    {
        var logs = new CountingLoggerProvider();
        Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var error = new InvalidOperationException("Boom");

        var cut = Render<ErrorPanel>(p => p.Add(e => e.Exception, error));
        cut.Render(p => p.Add(e => e.Exception, error));
        cut.Render(p => p.Add(e => e.Exception, error));

        Assert.Equal(1, logs.Errors);
    }

    private static IEnumerable<object?> LocationChangedListeners(NavigationManager navigation) =>
        (typeof(NavigationManager).GetField("_locationChanged", BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(navigation) as Delegate)?.GetInvocationList().Select(d => d.Target) ?? [];

    private sealed class CountingLoggerProvider : ILoggerProvider, ILogger
    {
        public int Errors { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error) Errors++;
        }

        public void Dispose()
        {
        }
    }
}
