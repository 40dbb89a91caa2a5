using Npgsql;

namespace ConfigAdmin.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh database of one provider: a temp SQLite file, or a new database on the test server; empty, or migrated.</summary>
public sealed class TestDatabase
{
    private TestDatabase(Provider provider, string connectionString, string folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
    }

    public Provider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>A scratch folder of this database's own (the SQLite file lives here).</summary>
    public string Folder { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:ConfigAdmin"] = ConnectionString,
        ["Database:SeedDemoData"] = "false",
        // A fixed master key for test databases, so no test writes a key file into the source tree.
        ["Security:MasterKey"] = MasterKey,
        ["Security:BootstrapApiKey"] = ApiHost.BootstrapKey,
    };

    public const string MasterKey = "test-master-key-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A fresh database with every migration applied (<see cref="MigratedTemplate"/>): what a test host starts on.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(Provider provider)
    {
        var database = await CreateAsync(provider);
        if (provider == Provider.Sqlite) await MigratedTemplate.CopySqliteAsync(Path.Combine(database.Folder, "test.db"));
        else await MigratedTemplate.CreatePostgresAsync(new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!);
        return database;
    }

    public static async Task<TestDatabase> CreateAsync(Provider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "configadmin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == Provider.Sqlite)
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "test.db")}", folder);

        var server = new NpgsqlConnectionStringBuilder(await PostgresCluster.Shared)
        {
            Database = "t_" + Guid.NewGuid().ToString("N"),
        };
        return new TestDatabase(provider, server.ConnectionString, folder);
    }
}
