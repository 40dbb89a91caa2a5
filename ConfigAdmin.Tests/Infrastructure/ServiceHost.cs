using ConfigAdmin.Core;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>The real services on a real, migrated database of one provider; one per test class.</summary>
public abstract class ServiceHost(Provider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public ServiceProvider Services { get; private set; } = default!;
    public Provider Provider => provider;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync(provider);
        var settings = Database.Settings;
        settings["Webhooks:AllowPrivateTargets"] = "true";
        foreach (var (key, value) in Settings) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        ConfigureServices(services);
        services.AddConfigAdminCore().AddConfigAdminData(configuration, Database.Folder);
        services.AddSingleton<Core.Webhooks.IWebhookResolver>(Resolver);
        var real = services.Last(d => d.ServiceType == typeof(IConfigAdminDbFactory));
        services.AddSingleton(sp => new HookedDbFactory((IConfigAdminDbFactory)real.ImplementationFactory!(sp)));
        services.AddSingleton<IConfigAdminDbFactory>(sp => sp.GetRequiredService<HookedDbFactory>());
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(default);
        await Services.GetRequiredService<AccessDirectory>().RefreshAsync();
        await using var scope = Scope(Caller.System);
        await scope.ServiceProvider.GetRequiredService<EnvironmentService>().EnsureDefaultsAsync();
    }

    /// <summary>Webhook deliveries resolve names here: loopback only, unless a test maps a name.</summary>
    public LoopbackOnlyResolver Resolver { get; } = new();

    /// <summary>Settings a derived host adds to (or changes in) the test database's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a derived host registers before the app's own (a <c>TimeProvider</c>, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>A scope as one request or circuit would have, acting as a user who is admin of every application.</summary>
    public AsyncServiceScope Scope(string actor = "tester@example.com") => Scope(Admin(actor));

    /// <summary>A scope acting as <paramref name="caller"/>.</summary>
    public AsyncServiceScope Scope(Caller caller)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(caller);
        return scope;
    }

    public static Caller Admin(string name = "tester@example.com") => new(CallerKind.User, name, [new Grant(Role.Admin, null)]);

    /// <summary>The hook around every unit of work's SaveChanges (null: none).</summary>
    public HookedDbFactory Hooks => Services.GetRequiredService<HookedDbFactory>();

    public T Get<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A raw context on the same database, for checks the services do not offer.</summary>
    public async Task<ConfigAdminContext> RawContextAsync()
    {
        var db = await Services.GetRequiredService<IConfigAdminDbFactory>().CreateAsync();
        return (ConfigAdminContext)HookedDbFactory.Unwrap(db);
    }

    /// <summary>An application's id, which grants and client sightings name it by.</summary>
    public async Task<Guid> ApplicationIdAsync(string name)
    {
        await using var db = await RawContextAsync();
        return await db.Applications.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();
}

public sealed class SqliteServiceHost() : ServiceHost(Provider.Sqlite);

public sealed class PostgresServiceHost() : ServiceHost(Provider.Postgres);
