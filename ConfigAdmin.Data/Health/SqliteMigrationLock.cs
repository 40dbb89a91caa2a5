using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Health;

/// <summary>
/// On SQLite, EF's migration lock is a row in <c>__EFMigrationsLock</c>; a process killed while migrating leaves it
/// behind and every later start waits for it forever. An OS lock on a file beside the database is released by the
/// kernel when its holder dies, so whoever holds it knows that any lock row belongs to a dead process.
/// </summary>
internal static class SqliteMigrationLock
{
    private const string LockTable = "__EFMigrationsLock";

    /// <summary>Waits for the file lock (another live process may be migrating) and clears a stale lock row; null on PostgreSQL.</summary>
    public static async Task<IAsyncDisposable?> AcquireAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return null;

        var held = await HoldAsync(file + ".migrate-lock", ct);
        var exists = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {LockTable}")
            .SingleAsync(ct);
        if (exists > 0) await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{LockTable}\"", ct);
        return held;
    }

    private static async Task<FileStream> HoldAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: advisory, and released when the process dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, ct);
            }
        }
    }
}
