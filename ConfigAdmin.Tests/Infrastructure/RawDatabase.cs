using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>A plain connection to a test database, past the app, to see what is really stored.</summary>
public sealed class RawDatabase(DbConnection connection, TestDatabase database) : IAsyncDisposable
{
    public static async Task<RawDatabase> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Provider == Provider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return new RawDatabase(connection, database);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every value of every row of a table, as text.</summary>
    public async Task<string> DumpTextAsync(string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i).ToString()).Append('|');
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>
    /// The bytes the database keeps on disk for the tables it names: the SQLite file and its WAL, or (PostgreSQL,
    /// after a checkpoint) each table's heap files.
    /// </summary>
    public async Task<byte[]> StoredBytesAsync(params string[] tables)
    {
        if (database.Provider == Provider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            return [.. await ReadAsync(file), .. File.Exists(file + "-wal") ? await ReadAsync(file + "-wal") : []];
        }
        await ExecuteAsync("CHECKPOINT");
        var dataDirectory = await ScalarAsync<string>("SHOW data_directory");
        var bytes = new List<byte>();
        foreach (var table in tables)
        {
            var path = Path.Combine(dataDirectory, await ScalarAsync<string>($"SELECT pg_relation_filepath('{table}')"));
            foreach (var segment in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
                bytes.AddRange(await ReadAsync(segment));
        }
        return [.. bytes];
    }

    private static async Task<byte[]> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

public static class RawDatabaseExtensions
{
    public static Task<RawDatabase> OpenRawAsync(this TestDatabase database) => RawDatabase.OpenAsync(database);
}
