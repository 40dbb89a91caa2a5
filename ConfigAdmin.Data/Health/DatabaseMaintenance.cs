using ConfigAdmin.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Health;

/// <summary>Start-up and readiness work on the chosen provider's context: migrate, check, count pending.</summary>
public interface IDatabaseMaintenance
{
    /// <summary>Applies pending migrations, if any (EF takes its migration lock even with none pending); returns how many.</summary>
    Task<int> MigrateAsync(CancellationToken ct);

    Task<bool> CanConnectAsync(CancellationToken ct);
    Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct);

    /// <summary>Stops the start when the key ring was encrypted with another master key (a node with the wrong one).</summary>
    Task VerifyKeyRingAsync(CancellationToken ct);

    /// <summary>
    /// Rewrites the tables that held clear secret values so the old bytes leave the files: SQLite checkpoints and
    /// vacuums; PostgreSQL rewrites the two tables (VACUUM FULL).
    /// </summary>
    Task CompactSecretsAsync(CancellationToken ct);
}

public sealed class DatabaseMaintenance<TContext>(DbFactory<TContext> factory, Secrets.MasterKey masterKey) : IDatabaseMaintenance
    where TContext : ConfigAdminContext
{
    /// <summary>What a caller waiting for the schema is told while this node migrates.</summary>
    public const string Migrating = "(a migration is running)";

    // Keeps this node's readers of the migration history away from a migration it runs: on PostgreSQL a reader can see
    // the history table exist and then fail to read it while the migration creates it, and EF logs that failed command
    // at error level on a normal first start. While a migration runs here, everything is "pending".
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrationRunning;

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await _migrating.WaitAsync(ct);
        _migrationRunning = true;
        try
        {
            await using var db = await factory.CreateContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            if (pending == 0) return 0;
            await using (await SqliteMigrationLock.AcquireAsync(db, ct))
            {
                await db.Database.MigrateAsync(ct);
            }
            return pending;
        }
        finally
        {
            _migrationRunning = false;
            _migrating.Release();
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct)
    {
        if (_migrationRunning) return [Migrating];
        await using var db = await factory.CreateContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    public async Task VerifyKeyRingAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        foreach (var xml in await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(ct))
        {
            var fingerprint = xml is null ? null
                : System.Xml.Linq.XElement.Parse(xml).Descendants("masterKeyEncrypted").Select(e => (string?)e.Attribute("fingerprint")).FirstOrDefault();
            if (fingerprint != masterKey.Fingerprint)
                throw new InvalidOperationException($"The database's secret-encryption keys were encrypted with another master key " +
                    $"({fingerprint ?? "none"}) than this node's ({masterKey.Fingerprint}, from {masterKey.Source}). Every node needs the same " +
                    $"{Secrets.MasterKey.Setting}; without it, secret values cannot be read.");
        }
    }

    public async Task CompactSecretsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM FULL configs, overrides;", ct);
        }
    }
}
