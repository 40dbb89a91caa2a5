using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConfigAdmin.Data.Providers;

/// <summary>
/// WAL lets readers run beside the one writer; the busy timeout makes writers from other processes queue instead
/// of failing; synchronous=NORMAL in WAL survives a process crash (see docs/reliability.md); foreign keys on.
/// These are settings of the physical connection, which the pool keeps across opens, so they are sent once per
/// physical connection, not on every open (EF opens a connection for each query).
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    private string Pragmas => $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Prepared.AddOrUpdate(handle, handle);
    }

    /// <summary>
    /// The native handle identifies the physical connection behind a pooled <see cref="SqliteConnection"/>. EF opens
    /// read-only connections too (to see whether the file exists), which cannot switch a file to WAL: those are left be.
    /// </summary>
    private static bool NeedsPragmas(DbConnection connection, out object handle)
    {
        handle = ((SqliteConnection)connection).Handle!;
        return !Prepared.TryGetValue(handle, out _)
               && new SqliteConnectionStringBuilder(connection.ConnectionString).Mode != SqliteOpenMode.ReadOnly;
    }
}
