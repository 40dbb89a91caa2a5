using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConfigAdmin.Data.Health;

/// <summary>Ready only while the database answers.</summary>
public sealed class DatabaseHealthCheck(IDatabaseMaintenance db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}

/// <summary>Ready only when the schema is current: no migration of this build is pending.</summary>
public sealed class MigrationsHealthCheck(IDatabaseMaintenance db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await db.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The schema is current.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Pending migrations cannot be read.", ex);
        }
    }
}

/// <summary>
/// Ready only once this node follows the change record (its cursor placed): a node that answered before could miss a
/// change committed on another node meanwhile and serve the older document until the next one.
/// </summary>
public sealed class FollowingHealthCheck(Notifications.IChangeFollowing following) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(following.Cursor >= 0
            ? HealthCheckResult.Healthy("Following the change record.")
            : HealthCheckResult.Unhealthy("Not following the change record yet."));
}
