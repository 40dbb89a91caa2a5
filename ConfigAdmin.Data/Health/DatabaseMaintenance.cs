using ConfigAdmin.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Health;

/// <summary>Start-up and readiness work on the chosen provider's context: migrate, check, count pending.</summary>
public interface IDatabaseMaintenance
{
    Task MigrateAsync(CancellationToken ct);
    Task<bool> CanConnectAsync(CancellationToken ct);
    Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct);
}

public sealed class DatabaseMaintenance<TContext>(DbFactory<TContext> factory) : IDatabaseMaintenance
    where TContext : ConfigAdminContext
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        await db.Database.MigrateAsync(ct);
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
