using System.Data.Common;
using ConfigAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// A database as an earlier release left it: migrated only up to one of the earlier migrations, its rows written with
/// SQL in that release's schema. The current model cannot write them, since it has columns the old schema lacks.
/// </summary>
public sealed class LegacyDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ConfigAdminContext _db;

    private LegacyDatabase(ServiceProvider services, ConfigAdminContext db) => (_services, _db) = (services, db);

    /// <summary>The database migrated up to the migration whose name ends with <paramref name="migration"/> (e.g. "_Revisions").</summary>
    public static async Task<LegacyDatabase> MigratedToAsync(TestDatabase database, string migration)
    {
        var services = new ServiceCollection().AddLogging()
            .AddConfigAdminData(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build(), database.Folder)
            .BuildServiceProvider();
        var db = (ConfigAdminContext)await services.GetRequiredService<Core.Common.IConfigAdminDbFactory>().CreateAsync();
        var target = db.Database.GetMigrations().Single(m => m.EndsWith(migration, StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(target);
        return new LegacyDatabase(services, db);
    }

    private bool IsSqlite => _db.Database.IsSqlite();

    /// <summary>Inserts one row: the properties of <paramref name="row"/> are the columns, as that schema named them.</summary>
    public async Task InsertAsync(string table, object row)
    {
        var columns = row.GetType().GetProperties().Select(p => (p.Name, Value: p.GetValue(row))).ToList();
        var connection = _db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var i = 0; i < columns.Count; i++) command.Parameters.Add(Parameter(command, $"@p{i}", columns[i].Value));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A value as each provider's schema stores it (SQLite: GUIDs and times as text, booleans as integers).</summary>
    private DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (value, IsSqlite) switch
        {
            (null, _) => DBNull.Value,
            (Guid g, true) => g.ToString().ToUpperInvariant(),
            (DateTime t, true) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
            (DateTime t, false) => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            (bool b, true) => b ? 1 : 0,
            _ => value,
        };
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _services.DisposeAsync();
    }
}
