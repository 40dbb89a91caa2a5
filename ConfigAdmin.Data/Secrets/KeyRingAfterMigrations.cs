using ConfigAdmin.Data.Health;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace ConfigAdmin.Data.Secrets;

/// <summary>
/// The key ring, read only once the database it lives in is migrated. Data Protection warms its key ring up as the host
/// starts, before start-up work has created the table (EF would then log a failed query at error level); until no
/// migration is pending, the ring answers "not yet", which the warm-up notes at information level, and the first real
/// use (after start-up work, which waits for the migration) reads it.
/// </summary>
internal sealed class KeyRingAfterMigrations(IKeyRingProvider inner, IDatabaseMaintenance database) : IKeyRingProvider
{
    private volatile bool _migrated;

    public IKeyRing GetCurrentKeyRing()
    {
        if (!_migrated)
        {
            // Data Protection's interface is synchronous; this runs until the first read after the migration.
            if (!NoMigrationPending()) throw new InvalidOperationException("The key ring is read once the database is migrated.");
            _migrated = true;
        }
        return inner.GetCurrentKeyRing();
    }

    private bool NoMigrationPending()
    {
        try
        {
            // On the thread pool: the caller may be a renderer whose synchronization context this wait would block, and
            // PostgreSQL's driver completes asynchronously (it hung a first page render that signed a form token).
            return Task.Run(() => database.PendingMigrationsAsync(CancellationToken.None)).GetAwaiter().GetResult().Count == 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not reachable yet: start-up work waits for the database and reads the ring after it.
            return false;
        }
    }
}
