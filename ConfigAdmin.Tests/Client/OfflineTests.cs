using System.Runtime.Versioning;
using System.Text.Json;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Client.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Tests.Client;

/// <summary>When the server is away or refuses: the cache file, Optional, OnLoadException, the clear failure.</summary>
[Trait("Category", "Client")]
public sealed class OfflineTests : ClientTestBase
{
    private string CacheFile => Path.Combine(Folder, "cache", "configadmin-cache.json");

    /// <summary>An address where nothing listens: a server that is down.</summary>
    private static Uri Nowhere() => new($"http://127.0.0.1:{ConfigAdminServer.FreePort()}/");

    private async Task<(ConfigAdminServer Server, string App, string GreetingId)> ServerWithAppAsync(string? databaseFile = null, int port = 0)
    {
        var server = await StartServerAsync(databaseFile, port);
        var app = await server.CreateApplicationAsync();
        var id = await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello");
        await server.AddConfigAsync(app, "Shop:Retry", ConfigValueType.Json, """{"count":3}""");
        return (server, app, id);
    }

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

        Assert.True(await Task.WhenAny(reloaded.Task, Task.Delay(TimeSpan.FromSeconds(10))) == reloaded.Task, "no reload within 10 s");
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
    [UnsupportedOSPlatform("windows")] // Windows: the file inherits its folder's ACL, which the client leaves alone
    public async Task CacheFile_IsOwnerOnly_WrittenAtomically_AndRewrittenOnEachChange()
    {
        var (server, app, greeting) = await ServerWithAppAsync();
        var configuration = Build(await OptionsAsync(server, app, more: o =>
        {
            o.CacheFile = CacheFile;
            o.FallbackPollInterval = TimeSpan.FromMilliseconds(100);
        }));
        var provider = ProviderOf(configuration);

        AssertCacheHolds(provider.AppliedETag, app);
        await server.SetOverrideAsync(greeting, "production", "changed");
        Assert.True(await Eventually.TrueAsync(() => configuration["Shop:Greeting"] == "changed", TimeSpan.FromSeconds(5)));
        Assert.True(await Eventually.TrueAsync(() => File.ReadAllText(CacheFile).Contains("changed"), TimeSpan.FromSeconds(2)));
        AssertCacheHolds(provider.AppliedETag, app);
    }

    [UnsupportedOSPlatform("windows")]
    private void AssertCacheHolds(string? etag, string app)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
        Assert.Equal([CacheFile], Directory.GetFiles(Path.GetDirectoryName(CacheFile)!));   // no temp file left
        var root = JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement;
        Assert.Equal(etag, root.GetProperty("etag").GetString());
        Assert.Equal(app, root.GetProperty("application").GetString());
        Assert.Equal("production", root.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task CorruptCacheFile_IsIgnoredWithAWarning_AndReplacedOnTheNextLoad()
    {
        var (server, app, _) = await ServerWithAppAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "{\"format\":1,\"document\":{\"Shop:Gree");

        var configuration = Build(await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile));

        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains($"cache file {CacheFile} is ignored"));
        Assert.Equal(app, JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("application").GetString());
    }

    [Fact]
    public void CorruptCacheFile_AndNoServer_FailsSayingWhyTheCacheCouldNotStandIn()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "not json at all");

        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(Nowhere(), "checkout-api", more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));

        Assert.Contains($"The cache file {CacheFile} cannot be used: it is corrupt", error.Message);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("is ignored"));
    }

    [Fact]
    public async Task CacheFileOfAnotherApplication_IsNotUsed()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var other = await server.CreateApplicationAsync();
        using (var first = (IDisposable)Build(await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile))) { }
        await StopAsync(server);

        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, other, more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));

        Assert.Contains($"it belongs to application '{app}' (production)", error.Message);
    }

    [Fact]
    public async Task CacheFileOfAnotherEnvironment_IsNotUsed()
    {
        var (server, app, _) = await ServerWithAppAsync();
        using (var first = (IDisposable)Build(await OptionsAsync(server, app, "staging", o => o.CacheFile = CacheFile))) { }
        await StopAsync(server);

        Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, app, "production", more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));
    }

    [Fact]
    public async Task CurrentCacheFileAtStart_ItsETagIsSent_AndA304StartsFromIt()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var options = await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile);
        using (var first = (IDisposable)Build(options)) { }
        var etag = JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("etag").GetString();

        var configuration = Build(options);

        var firstRead = server.Requests.Of(ProviderOf(configuration).InstanceId)[0];
        Assert.Equal(etag, firstRead.IfNoneMatch);
        Assert.True(await Eventually.TrueAsync(() => firstRead.Completed, TimeSpan.FromSeconds(2)));
        Assert.Equal(304, firstRead.Status);
        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Equal(etag, ProviderOf(configuration).AppliedETag);
        Assert.DoesNotContain(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("cache file"));
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
