using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Data.Identity;
using ConfigAdmin.Data.Secrets;
using ConfigAdmin.Data.Health;
using ConfigAdmin.Data.Providers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Data;

public static class ServiceCollectionExtensions
{
    public const string ConnectionStringName = "ConfigAdmin";

    /// <summary>The one place that picks the database provider, from <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddConfigAdminData(this IServiceCollection services, IConfiguration configuration,
        string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Validate(new(options)).FirstOrDefault() is { } error) throw new OptionsValidationException(
            DatabaseOptions.Section, typeof(DatabaseOptions), [error.ErrorMessage!]);
        var connection = configuration.GetConnectionString(ConnectionStringName);

        switch (options.ParsedProvider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection)) throw new OptionsValidationException(ConnectionStringName,
                    typeof(DatabaseOptions), ["Database:Provider is Postgres: set ConnectionStrings:ConfigAdmin to a PostgreSQL connection string."]);
                services.AddPooledDbContextFactory<PostgresConfigAdminContext>(o => Common(o).UseNpgsql(connection));
                services.AddSingleton(new WriteGate(serialize: false));
                Register<PostgresConfigAdminContext>(services, configuration, contentRoot);
                break;
            default:
                var sqlite = SqliteConnection(connection, contentRoot, options.SqliteBusyTimeoutMs);
                services.AddPooledDbContextFactory<SqliteConfigAdminContext>(o =>
                    Common(o).UseSqlite(sqlite).AddInterceptors(new SqlitePragmaInterceptor(options.SqliteBusyTimeoutMs)));
                services.AddSingleton(new WriteGate(serialize: true));
                Register<SqliteConfigAdminContext>(services, configuration, contentRoot);
                break;
        }
        return services;
    }

    /// <summary>
    /// Single queries: every include is one chain (application → keys → overrides), so a join returns each override
    /// once, and a write's key load costs one round trip instead of two. EF's warning about multiple collection
    /// includes is for sibling collections, which this model never loads together.
    /// </summary>
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.MultipleCollectionIncludeWarning));

    private static void Register<TContext>(IServiceCollection services, IConfiguration configuration, string contentRoot)
        where TContext : ConfigAdminContext
    {
        services.AddSingleton<DbFactory<TContext>>();
        services.AddSingleton<IConfigAdminDbFactory>(sp => sp.GetRequiredService<DbFactory<TContext>>());
        services.AddSingleton<IDatabaseMaintenance, DatabaseMaintenance<TContext>>();
        // Identity's user store and Data Protection's key repository take a context from their scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddScoped<ConfigAdminContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IUserStore<ConfigAdminUser>, UserOnlyStore<ConfigAdminUser, TContext, Guid>>();
        services.AddSingleton<IUserAccessSource, UserAccessSource<TContext>>();
        AddSecrets<TContext>(services, configuration, contentRoot);
        services.AddOptions<Notifications.LiveOptions>().BindConfiguration(Notifications.LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Notifications.ChangeFollower<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.ChangeFollower<TContext>>());
        services.AddSingleton<Notifications.IChangeFollowing>(sp => sp.GetRequiredService<Notifications.ChangeFollower<TContext>>());
        AddWebhooks(services);
        // A probe must answer promptly even when the database hangs: each check gives up after three seconds.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3))
            .AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3))
            .AddCheck<FollowingHealthCheck>("following", HealthStatus.Unhealthy, ["ready"]);
    }

    /// <summary>The outbox's dispatcher and what it sends with (ADR 0018).</summary>
    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddOptions<Core.Webhooks.WebhookOptions>().BindConfiguration(Core.Webhooks.WebhookOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Core.Webhooks.IWebhookResolver, Outbox.DnsWebhookResolver>();
        services.AddSingleton<Outbox.DeliveryStore>();
        services.AddSingleton<Outbox.WebhookSender>();
        services.AddSingleton<Outbox.WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Outbox.WebhookDispatcher>());
    }

    /// <summary>
    /// Secret values are encrypted with Data Protection; its key ring lives in the database (shared by every node) and
    /// is itself encrypted with the master key, so the database alone reveals nothing.
    /// </summary>
    private static void AddSecrets<TContext>(IServiceCollection services, IConfiguration configuration, string contentRoot)
        where TContext : ConfigAdminContext
    {
        services.AddSingleton(_ => MasterKey.Load(configuration[MasterKey.Setting], contentRoot));
        services.AddDataProtection().SetApplicationName("ConfigAdmin").PersistKeysToDbContext<TContext>();
        // The key ring lives in the database: it is read once the database is migrated (KeyRingAfterMigrations).
        var keyRing = services.Last(d => d.ServiceType == typeof(IKeyRingProvider));
        services.Replace(ServiceDescriptor.Singleton<IKeyRingProvider>(sp => new KeyRingAfterMigrations(
            (IKeyRingProvider)ActivatorUtilities.GetServiceOrCreateInstance(sp, keyRing.ImplementationType!),
            sp.GetRequiredService<IDatabaseMaintenance>())));
        services.AddOptions<KeyManagementOptions>().Configure<MasterKey>((o, key) => o.XmlEncryptor = new MasterKeyXmlEncryptor(key));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created (owner-only).</summary>
    private static string SqliteConnection(string? configured, string contentRoot, int busyTimeoutMs)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnection : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } dir) DataFolder.Create(dir);
        builder.DefaultTimeout = Math.Max(1, busyTimeoutMs / 1000);
        return builder.ToString();
    }
}
