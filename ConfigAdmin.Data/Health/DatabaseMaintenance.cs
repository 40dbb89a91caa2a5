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
}

public sealed class DatabaseMaintenance<TContext>(DbFactory<TContext> factory) : IDatabaseMaintenance
    where TContext : ConfigAdminContext
{
    public async Task<int> MigrateAsync(CancellationToken ct)
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

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }
}
