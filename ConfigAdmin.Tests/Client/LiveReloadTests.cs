using System.Diagnostics;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Tests.Client;

/// <summary>After the first load: changes reach the app, outages heal, disposal stops everything.</summary>
[Trait("Category", "Database")]
[Collection(ClientCollection.Name)]
public sealed class LiveReloadTests : ClientTestBase
{
    public sealed class ShopOptions
    {
        public string Greeting { get; set; } = "";
        public int Limit { get; set; }
    }

    /// <summary>Completes once the server holds the provider's long poll: a write from now on must wake it.</summary>
    private static async Task HeldAsync(ConfigAdminServer server, IConfigurationRoot configuration)
    {
        var instance = ProviderOf(configuration).InstanceId;
        Assert.True(await Eventually.TrueAsync(() => server.Requests.Holds(instance), TimeSpan.FromSeconds(5)), "the server never held the client's poll");
    }

    private static IOptionsMonitor<ShopOptions> Monitor(IConfiguration configuration) =>
        new ServiceCollection().Configure<ShopOptions>(configuration.GetSection("Shop")).BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<ShopOptions>>();

    /// <summary>Needs the server's long poll (design §8): with a server that answers at once, the next poll is 30 s away.</summary>
    [Fact]
    public async Task OverrideChangedViaRest_OptionsMonitorOnChangeFiresWithinOneSecond()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        var greeting = await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello", new() { ["production"] = "hello prod" });
        var configuration = Build(await OptionsAsync(server, app));
        var monitor = Monitor(configuration);
        Assert.Equal("hello prod", monitor.CurrentValue.Greeting);
        var changed = new TaskCompletionSource<(ShopOptions Options, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(o => changed.TrySetResult((o, Stopwatch.GetTimestamp())));
        await HeldAsync(server, configuration);

        await server.SetOverrideAsync(greeting, "production", "bonjour");
        var written = Stopwatch.GetTimestamp();

        var fired = await Eventually.TrueAsync(() => changed.Task.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(fired, "OnChange did not fire within 5 s of the write");
        var (options, at) = await changed.Task;
        var latency = Stopwatch.GetElapsedTime(written, at);
        Assert.True(latency <= TimeSpan.FromSeconds(1), $"OnChange fired {latency.TotalMilliseconds:0} ms after the write's response");
        Assert.Equal("bonjour", options.Greeting);
    }

    /// <summary>Needs the server's long poll (design §8), as above.</summary>
    [Fact]
    public async Task KeyCreatedViaRest_ReloadTokenFiresWithinOneSecond_WithTheNewKey()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello");
        var configuration = Build(await OptionsAsync(server, app));
        Assert.Null(configuration["Shop:Limit"]);
        var reloaded = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(Stopwatch.GetTimestamp()), null);
        await HeldAsync(server, configuration);

        await server.AddConfigAsync(app, "Shop:Limit", ConfigValueType.Integer, "7");
        var written = Stopwatch.GetTimestamp();

        var fired = await Eventually.TrueAsync(() => reloaded.Task.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(fired, "the reload token did not fire within 5 s of the write");
        var latency = Stopwatch.GetElapsedTime(written, await reloaded.Task);
        Assert.True(latency <= TimeSpan.FromSeconds(1), $"the reload token fired {latency.TotalMilliseconds:0} ms after the write's response");
        Assert.Equal("7", configuration["Shop:Limit"]);
        Assert.Equal(7, Monitor(configuration).CurrentValue.Limit);
    }

    [Fact]
    public async Task ServerStoppedAndRestarted_ClientRecoversWithoutARestart_AndSeesTheChangeMadeWhileItWasDown()
    {
        var databaseFile = NewDatabaseFile();
        var server = await StartServerAsync(databaseFile, ConfigAdminServer.FreePort());
        var port = server.Port;
        var app = await server.CreateApplicationAsync();
        var greeting = await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "before");
        // Short intervals: this test is about recovering, not about how soon (a server that answers at once is polled).
        var configuration = Build(await OptionsAsync(server, app, more: o =>
        {
            o.FallbackPollInterval = TimeSpan.FromMilliseconds(200);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        }));
        var monitor = Monitor(configuration);
        Assert.Equal("before", monitor.CurrentValue.Greeting);

        await StopAsync(server);
        Assert.True(await Eventually.TrueAsync(() => Logs.Entries.Any(e => e.Message.Contains("Keeping the current values")), TimeSpan.FromSeconds(5)),
            "the client noticed the outage");
        Assert.Equal("before", monitor.CurrentValue.Greeting);
        // The change is made while the client's server is down: through another node on the same database.
        var otherNode = await StartServerAsync(databaseFile);
        await otherNode.SetOverrideAsync(greeting, "production", "after");
        await StopAsync(otherNode);

        await StartServerAsync(databaseFile, port);

        Assert.True(await Eventually.TrueAsync(() => monitor.CurrentValue.Greeting == "after", TimeSpan.FromSeconds(10)),
            $"still '{monitor.CurrentValue.Greeting}' 10 s after the server came back");
        Assert.Contains(Logs.Entries, e => e.Message.Contains("answers again"));
    }

    [Fact]
    public async Task Dispose_EndsThePollInFlight_AndNoRequestFollows()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello");
        // Default options: against a long-polling server the loop now sits in a held request, else in its fallback pause.
        var configuration = new ConfigurationBuilder().AddConfigAdmin(await OptionsAsync(server, app)).Build();
        var instance = ProviderOf(configuration).InstanceId;
        Assert.True(await Eventually.TrueAsync(() => server.Requests.Of(instance).Count >= 2, TimeSpan.FromSeconds(5)), "the poll started");
        await HeldAsync(server, configuration);

        var stopwatch = Stopwatch.StartNew();
        ((IDisposable)configuration).Dispose();
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"Dispose took {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(await Eventually.TrueAsync(() => server.Requests.InFlight(instance) == 0, TimeSpan.FromSeconds(1)),
            "the server still holds the client's poll 1 s after Dispose");
        var count = server.Requests.Of(instance).Count;
        await RealTime.PassAsync(TimeSpan.FromSeconds(1)); // nothing to await: no request must follow
        Assert.Equal(count, server.Requests.Of(instance).Count);
    }

    [Fact]
    public async Task Dispose_WithAFastPoll_NoRequestFollows()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello");
        var configuration = new ConfigurationBuilder()
            .AddConfigAdmin(await OptionsAsync(server, app, more: o =>
            {
                o.LongPollWait = TimeSpan.FromSeconds(1);
                o.FallbackPollInterval = TimeSpan.FromMilliseconds(50);
            })).Build();
        var instance = ProviderOf(configuration).InstanceId;
        Assert.True(await Eventually.TrueAsync(() => server.Requests.Of(instance).Count >= 3, TimeSpan.FromSeconds(5)), "the poll runs");

        ((IDisposable)configuration).Dispose();

        var count = server.Requests.Of(instance).Count;
        await RealTime.PassAsync(TimeSpan.FromMilliseconds(500)); // ten fallback pauses: no request must follow
        Assert.Equal(count, server.Requests.Of(instance).Count);
    }

    [Fact]
    public async Task ReloadCallbackThatThrows_DoesNotStopThePoll()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        var greeting = await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "one");
        var configuration = Build(await OptionsAsync(server, app, more: o => o.FallbackPollInterval = TimeSpan.FromMilliseconds(100)));
        using var registration = configuration.GetReloadToken().RegisterChangeCallback(_ => throw new InvalidOperationException("app bug"), null);

        await server.SetOverrideAsync(greeting, "production", "two");
        Assert.True(await Eventually.TrueAsync(() => configuration["Shop:Greeting"] == "two", TimeSpan.FromSeconds(5)));
        await server.SetOverrideAsync(greeting, "production", "three");

        Assert.True(await Eventually.TrueAsync(() => configuration["Shop:Greeting"] == "three", TimeSpan.FromSeconds(5)));
        Assert.Contains(Logs.Entries, e => e.Message.Contains("reload callback threw"));
    }
}
