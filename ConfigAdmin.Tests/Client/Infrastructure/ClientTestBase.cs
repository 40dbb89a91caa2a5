using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>A temp folder (SQLite files, cache files), a log sink, and the client options the tests start from.</summary>
public abstract class ClientTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<IDisposable> _clients = [];

    protected string Folder { get; } = Directory.CreateTempSubdirectory("configadmin-client-").FullName;
    protected TestLoggerFactory Logs { get; } = new();

    protected string NewDatabaseFile() => Path.Combine(Folder, $"server-{Guid.NewGuid():N}.db");

    /// <summary>Where the tests keep the client's cache file.</summary>
    protected string CacheFile => Path.Combine(Folder, "cache", "configadmin-cache.json");

    /// <summary>An address where nothing listens: a server that is down.</summary>
    protected static Uri Nowhere() => new($"http://127.0.0.1:{ConfigAdminServer.FreePort()}/");

    /// <summary>A server with an application holding Shop:Greeting ("hello") and Shop:Retry ({"count":3}).</summary>
    protected async Task<(ConfigAdminServer Server, string App, string GreetingId)> ServerWithAppAsync(string? databaseFile = null, int port = 0)
    {
        var server = await StartServerAsync(databaseFile, port);
        var app = await server.CreateApplicationAsync();
        var id = await server.AddConfigAsync(app, "Shop:Greeting", ConfigValueType.String, "hello");
        await server.AddConfigAsync(app, "Shop:Retry", ConfigValueType.Json, """{"count":3}""");
        return (server, app, id);
    }

    /// <summary>Starts a server that is stopped after the test (unless stopped before).</summary>
    protected async Task<ConfigAdminServer> StartServerAsync(string? databaseFile = null, int port = 0, ClientReadLog? requests = null)
    {
        var server = await ConfigAdminServer.StartAsync(databaseFile ?? NewDatabaseFile(), port, requests);
        _servers.Add(server);
        return server;
    }

    protected async Task StopAsync(ConfigAdminServer server)
    {
        _servers.Remove(server);
        await server.DisposeAsync();
    }

    /// <summary>Options for one application on one server: API key from <see cref="ClientTestKeys"/>, logs to <see cref="Logs"/>.</summary>
    protected async Task<Action<ConfigAdminClientOptions>> OptionsAsync(ConfigAdminServer server, string application,
        string environment = "production", Action<ConfigAdminClientOptions>? more = null)
    {
        var key = await ClientTestKeys.ForAsync(server, application, environment);
        return OptionsFor(server.BaseAddress, application, environment, key, more);
    }

    protected Action<ConfigAdminClientOptions> OptionsFor(Uri serverUrl, string application, string environment = "production",
        string? apiKey = null, Action<ConfigAdminClientOptions>? more = null) => o =>
    {
        o.ServerUrl = serverUrl;
        o.Application = application;
        o.Environment = environment;
        o.ApiKey = apiKey;
        o.LoggerFactory = Logs;
        more?.Invoke(o);
    };

    /// <summary>Builds a configuration with ConfigAdmin as its only source; disposed (the poll stopped) after the test.</summary>
    protected IConfigurationRoot Build(Action<ConfigAdminClientOptions> options)
    {
        var root = new ConfigurationBuilder().AddConfigAdmin(options).Build();
        _clients.Add((IDisposable)root);
        return root;
    }

    protected static ConfigAdminConfigurationProvider ProviderOf(IConfigurationRoot root) =>
        root.Providers.OfType<ConfigAdminConfigurationProvider>().Single();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var server in _servers) await server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
