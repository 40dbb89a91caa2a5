using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ConfigAdmin.Data.Health;

/// <summary>
/// Keeps this process's readers of the migration history away from a migration it is running: on PostgreSQL a reader
/// can see the history table exist and then fail to read it while the migration creates it, and EF logs that failed
/// command at error level on a perfectly normal first start. While a migration runs here, everything is "pending".
/// </summary>
public static class MigrationGate
{
    private static readonly SemaphoreSlim Running = new(1, 1);

    /// <summary>What a caller waiting for the schema is told while this process migrates.</summary>
    public const string Migrating = "(a migration is running)";

    public static async Task<IDisposable> MigratingAsync(CancellationToken ct)
    {
        await Running.WaitAsync(ct);
        return new Release();
    }

    public static async Task<IReadOnlyList<string>> PendingAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (!await Running.WaitAsync(0, ct)) return [Migrating];
        try
        {
            return (await database.GetPendingMigrationsAsync(ct)).ToList();
        }
        finally
        {
            Running.Release();
        }
    }

    private sealed class Release : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Running.Release();
        }
    }
}
