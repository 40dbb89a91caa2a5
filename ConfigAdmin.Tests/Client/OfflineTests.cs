using System.Runtime.Versioning;
using System.Text.Json;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Client;

/// <summary>When the server is away or refuses: the cache file, Optional, OnLoadException, the clear failure.</summary>
[Trait("Category", "Database")]
public sealed class OfflineTests : ClientTestBase
{
    [Fact]
    public async Task ServerDownAtStart_StartsFromTheCacheFile_AndLogsAWarningNamingServerAndApplication()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var options = await OptionsAsync(server, app, more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        });
        using (var first = (IDisposable)Build(options)) { }
        var etag = JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("etag").GetString();
        await StopAsync(server);

        var configuration = Build(options);

        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Equal("3", configuration["Shop:Retry:count"]);
        Assert.Equal(etag, ProviderOf(configuration).AppliedETag);
        var warning = Assert.Single(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("Starting from the cache file"));
        Assert.Contains(server.BaseAddress.ToString(), warning.Message);
        Assert.Contains(app, warning.Message);
        Assert.Contains(CacheFile, warning.Message);
    }

    /// <summary>The start-up budget, the retries' backoff and the cache file's time all run on the client's clock.</summary>
    [Fact]
    public async Task ServerDownAtStart_WaitsItsStartupTimeoutOnTheClientsClock_ThenStartsFromTheCacheItStamped()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 4, 3, 2, 1, TimeSpan.Zero));
        var options = await OptionsAsync(server, app, more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromHours(1);
            o.Time = clock;
        });
        using (var first = (IDisposable)Build(options)) { }
        Assert.Equal(clock.GetUtcNow(), JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("savedAt").GetDateTimeOffset());
        await StopAsync(server);

        // An hour of start-up budget passes on the client's clock in a few real seconds at most: ten minutes a poll.
        var building = Task.Run(() => Build(options));
        Assert.True(await Eventually.TrueAsync(() =>
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            return building.IsCompleted;
        }, TimeSpan.FromSeconds(30)), "the start-up budget did not run on the client's clock");

        var configuration = await building;
        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("Starting from the cache file") && e.Message.Contains("2031"));
    }

    [Fact]
    public async Task StartedFromTheCache_PicksUpTheServerOnceItIsBack()
    {
        var databaseFile = NewDatabaseFile();
        var (server, app, greeting) = await ServerWithAppAsync(databaseFile, ConfigAdminServer.FreePort());
        var port = server.Port;
        var options = await OptionsAsync(server, app, more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });
        using (var first = (IDisposable)Build(options)) { }
        await server.SetOverrideAsync(greeting, "production", "changed while the app was off");
        await StopAsync(server);
        var configuration = Build(options);
        Assert.Equal("hello", configuration["Shop:Greeting"]);

        await StartServerAsync(databaseFile, port);

        Assert.True(await Eventually.TrueAsync(() => configuration["Shop:Greeting"] == "changed while the app was off", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void NoCacheAndNoServer_FailsWithAClearMessageNamingServerApplicationAndEnvironment()
    {
        var nowhere = Nowhere();

        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(nowhere, "checkout-api", "staging",
            more: o => o.StartupTimeout = TimeSpan.FromSeconds(1))));

        Assert.Contains(nowhere.ToString(), error.Message);
        Assert.Contains("application 'checkout-api' (environment 'staging')", error.Message);
        Assert.Contains("No CacheFile is configured", error.Message);
        Assert.Equal(nowhere, error.ServerUrl);
        Assert.Equal("checkout-api", error.Application);
        Assert.Equal("staging", error.Environment);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Optional_StartsEmpty_ThenTheValuesAppearWithAReloadOnceTheServerAnswers()
    {
        // The database is ready before the client's server starts, so its first answer is the application.
        var databaseFile = NewDatabaseFile();
        var (seeding, app, _) = await ServerWithAppAsync(databaseFile);
        var key = await ClientTestKeys.ForAsync(seeding, app, "production");
        await StopAsync(seeding);
        var port = ConfigAdminServer.FreePort();
        var configuration = Build(OptionsFor(new Uri($"http://127.0.0.1:{port}/"), app, apiKey: key, more: o =>
        {
            o.Optional = true;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        }));
        Assert.Null(configuration["Shop:Greeting"]);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("Starting without its values (Optional)") && e.Message.Contains(app));
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        await StartServerAsync(databaseFile, port);

        Assert.True(await Eventually.TrueAsync(() => reloaded.Task.IsCompleted, TimeSpan.FromSeconds(10)), "no reload within 10 s");
        Assert.Equal("hello", configuration["Shop:Greeting"]);
    }

    [Fact]
    public void OnLoadException_Ignore_StartsEmpty()
    {
        ConfigAdminLoadExceptionContext? seen = null;

        var configuration = Build(OptionsFor(Nowhere(), "checkout-api", more: o =>
        {
            o.StartupTimeout = TimeSpan.FromSeconds(1);
            o.OnLoadException = context =>
            {
                seen = context;
                context.Ignore = true;
            };
        }));

        Assert.NotNull(seen);
        Assert.IsType<ConfigAdminException>(seen.Exception);
        Assert.Same(ProviderOf(configuration), seen.Provider);
        Assert.Empty(configuration.AsEnumerable());
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("OnLoadException chose to ignore it"));
    }

    [Fact]
    public void OnLoadException_WithoutIgnore_TheLoadStillFails()
    {
        var called = false;

        Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(Nowhere(), "checkout-api", more: o =>
        {
            o.StartupTimeout = TimeSpan.FromSeconds(1);
            o.OnLoadException = _ => called = true;
        })));

        Assert.True(called);
    }

    [Fact]
    public async Task Optional_DoesNotCoverARefusal_AnUnknownApplicationStillFails()
    {
        var server = await StartServerAsync();

        var key = await ClientTestKeys.ForEveryApplicationAsync(server);
        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, "no-such-app", apiKey: key, more: o => o.Optional = true)));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task ApplicationDeletedWhileRunning_KeepsTheValues_AndLogsTheRefusalAsAnError()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var configuration = Build(await OptionsAsync(server, app, more: o =>
        {
            o.LongPollWait = TimeSpan.FromSeconds(1);
            o.FallbackPollInterval = TimeSpan.FromMilliseconds(100);
        }));

        (await server.Http.DeleteAsync($"/v1/applications/{app}")).EnsureSuccessStatusCode();

        Assert.True(await Eventually.TrueAsync(() => Logs.AtLeast(LogLevel.Error).Any(e => e.Message.Contains("refuses")), TimeSpan.FromSeconds(5)));
        var error = Logs.AtLeast(LogLevel.Error).First(e => e.Message.Contains("refuses"));
        Assert.Contains("404", error.Message);
        Assert.Contains(app, error.Message);
        Assert.Equal("hello", configuration["Shop:Greeting"]);
    }
}
