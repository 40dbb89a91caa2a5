using ConfigAdmin.Core;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// One database per provider migrated once per test run by the app's own migration step, which every test host's
/// database starts as a copy of: a file copy for SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. Hundreds of
/// hosts and component tests each ran every migration before; the hosts still run the app's migration step, which finds
/// nothing to do. Tests of migrating itself (upgrades, start-up) take an empty database (<see cref="TestDatabase.CreateAsync"/>).
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> SqliteFile = new(MigrateSqliteAsync);
    private static readonly Lazy<Task<string>> PostgresDatabase = new(MigratePostgresAsync);

    /// <summary>Copies the migrated SQLite file to <paramref name="file"/>.</summary>
    public static async Task CopySqliteAsync(string file) => File.Copy(await SqliteFile.Value, file);

    /// <summary>Creates <paramref name="database"/> on the test server as a copy of the migrated one.</summary>
    public static async Task CreatePostgresAsync(string database)
    {
        var template = await PostgresDatabase.Value;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await PostgresCluster.Shared) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<string> MigrateSqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("configadmin-template-").FullName;
        var file = Path.Combine(folder, "template.db");
        await MigrateAsync("Sqlite", $"Data Source={file};Pooling=False", folder);
        // Everything in the main file, nothing left in a write-ahead log that a copy would miss.
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        return file;
    }

    private static async Task<string> MigratePostgresAsync()
    {
        var name = "template_" + Guid.NewGuid().ToString("N");
        var connection = new NpgsqlConnectionStringBuilder(await PostgresCluster.Shared) { Database = name, Pooling = false }.ConnectionString;
        await MigrateAsync("Postgres", connection, Directory.CreateTempSubdirectory("configadmin-template-").FullName);
        return name;
    }

    private static async Task MigrateAsync(string provider, string connectionString, string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:ConfigAdmin"] = connectionString,
            ["Security:MasterKey"] = TestDatabase.MasterKey,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddConfigAdminCore().AddConfigAdminData(configuration, folder).BuildServiceProvider();
        await services.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(default);
    }
}
