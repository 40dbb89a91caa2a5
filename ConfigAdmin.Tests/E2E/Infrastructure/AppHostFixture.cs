using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>The real app on real Kestrel (a free port) over a fresh SQLite file: one per E2E collection.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("configadmin-e2e-").FullName;
    private KestrelAppFactory? _factory;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Seeds and checks through the app's own services, in a scope of its own.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async Task InitializeAsync()
    {
        _factory = new KestrelAppFactory(Path.Combine(_dir, "e2e.db"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        using var client = CreateHttpClient();
        await client.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class KestrelAppFactory(string databaseFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // "Testing": no demo seeding; static web assets still come from the build output.
            builder.UseEnvironment("Testing");
            builder.UseStaticWebAssets();
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:ConfigAdmin", $"Data Source={databaseFile}");
        }
    }
}

/// <remarks>
/// Runs alone, after the parallel tests: the app under test shares this process's thread pool, and beside
/// dozens of database tests a SignalR event could wait long enough to fail a browser step.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class E2ECollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "E2E";
}
