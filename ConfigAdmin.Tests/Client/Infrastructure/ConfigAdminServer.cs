using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>
/// The real app on real Kestrel, as <c>E2E/Infrastructure/AppHostFixture</c> hosts it, over a SQLite file that can
/// outlive it: stop it and start another on the same port and file to play a server restart. Client reads are recorded
/// on the server side (<see cref="Requests"/>), before anything of the app runs.
/// </summary>
public sealed class ConfigAdminServer : IAsyncDisposable
{
    private readonly KestrelAppFactory _factory;

    private ConfigAdminServer(KestrelAppFactory factory, int port, string databaseFile, ClientReadLog requests)
    {
        _factory = factory;
        Port = port;
        DatabaseFile = databaseFile;
        Requests = requests;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseAddress }.WithKey();
    }

    public int Port { get; }
    public string DatabaseFile { get; }
    public Uri BaseAddress { get; }
    public ClientReadLog Requests { get; }

    /// <summary>For seeding and changes through the REST API.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the app on <paramref name="port"/> (0: a free one) over <paramref name="databaseFile"/> (created when missing), ready.</summary>
    public static async Task<ConfigAdminServer> StartAsync(string databaseFile, int port = 0, ClientReadLog? requests = null)
    {
        if (port == 0) port = FreePort();
        requests ??= new ClientReadLog();
        var factory = new KestrelAppFactory(databaseFile, requests);
        factory.UseKestrel(port);
        factory.StartServer();
        var server = new ConfigAdminServer(factory, port, databaseFile, requests);
        await server.Http.WaitReadyAsync();
        return server;
    }

    /// <summary>A port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new application with a unique name.</summary>
    public async Task<string> CreateApplicationAsync()
    {
        var name = A.Name("client");
        (await Http.PostJsonAsync("/v1/applications", A.Application(name))).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Creates a key (<c>POST /v1/configs</c>); returns its id.</summary>
    public async Task<string> AddConfigAsync(string application, string key, ConfigValueType type, string? defaultValue,
        Dictionary<string, string?>? overrides = null, bool secret = false)
    {
        var response = await Http.PostJsonAsync("/v1/configs", A.Config(application, key, type, defaultValue, overrides, secret));
        Assert.True(response.IsSuccessStatusCode, $"POST /v1/configs {key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("id").ToString();
    }

    /// <summary><c>PUT /v1/configs/{id}/overrides/{environment}</c>.</summary>
    public async Task SetOverrideAsync(string configId, string environment, string value)
    {
        var response = await Http.PutJsonAsync($"/v1/configs/{configId}/overrides/{environment}", new { value });
        Assert.True(response.IsSuccessStatusCode, $"PUT override: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class KestrelAppFactory(string databaseFile, ClientReadLog requests) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:ConfigAdmin", $"Data Source={databaseFile}");
            builder.UseSetting("Database:SeedDemoData", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Security:MasterKey", TestDatabase.MasterKey);
            builder.UseSetting("Security:BootstrapApiKey", ApiHost.BootstrapKey);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new RecordClientReads(requests));
                // A stopped server must let go of held long polls quickly: the restart tests stop it under them.
                services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            });
        }
    }

    /// <summary>Outermost middleware: sees each client read as it arrives, before the app's own fast path.</summary>
    private sealed class RecordClientReads(ClientReadLog log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (!HttpMethods.IsGet(http.Request.Method) || !http.Request.Path.Value!.EndsWith("/config", StringComparison.Ordinal))
                {
                    await nextMiddleware(http);
                    return;
                }
                var entry = log.Begin(http.Request);
                try
                {
                    await nextMiddleware(http);
                }
                finally
                {
                    ClientReadLog.End(entry, http.Response.StatusCode);
                }
            });
            next(app);
        };
    }
}
