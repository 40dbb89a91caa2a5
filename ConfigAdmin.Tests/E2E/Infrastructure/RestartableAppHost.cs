using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>
/// The real app on real Kestrel that a test can stop and start again on the same port and database, as an operator
/// restarts a server: browsers keep their page and their sign-in cookie (the data protection keys live in the database).
/// </summary>
public sealed class RestartableAppHost : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("configadmin-restart-").FullName;
    private readonly int _port = FreePort();
    private KestrelAppFactory? _factory;

    public const string AdminEmail = "restart-admin@example.com";
    public static readonly string AdminPassword = "pw-" + Guid.NewGuid().ToString("N");
    private static readonly string BootstrapKey = "bootstrap-" + Guid.NewGuid().ToString("N");

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>Starts the app (again): the same port, the same database.</summary>
    public async Task StartAsync()
    {
        _factory = new KestrelAppFactory(Path.Combine(_dir, "restart.db"), new Dictionary<string, string?>
        {
            ["Security:BootstrapApiKey"] = BootstrapKey,
            ["Security:InitialAdmin:Email"] = AdminEmail,
            ["Security:InitialAdmin:Password"] = AdminPassword,
        });
        _factory.UseKestrel(_port);
        _factory.StartServer();
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
        await client.WaitReadyAsync();
    }

    /// <summary>Stops the app: its circuits end with it, and the port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_factory is null) return;
        await _factory.DisposeAsync();
        _factory = null;
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts the app unless it runs: a test that failed while it was down leaves it running for the next.</summary>
    public Task StartIfStoppedAsync() => _factory is null ? StartAsync() : Task.CompletedTask;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <remarks>Alone, like the other browser tests: stopping a server must not race anything else.</remarks>
[CollectionDefinition(Name)]
public sealed class RestartCollection : ICollectionFixture<RestartableAppHost>
{
    public const string Name = "E2E restart";
}
