using ConfigAdmin.Core.Observability;
using ConfigAdmin.Data.Health;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Observability;

/// <summary>
/// Reads the gauges' counts from the database every <c>Metrics:SnapshotSeconds</c>, so a scrape never waits on a query.
/// Until the database is migrated it only asks whether it is (a query of tables not there yet would log an error on a
/// first start); a failed read (the database away) keeps the last counts until the next one succeeds.
/// </summary>
public sealed class GaugeRefresher(GaugeReader reader, ConfigAdminMetrics metrics, IDatabaseMaintenance database, IOptions<MetricsOptions> options,
    TimeProvider time, ILogger<GaugeRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = TimeSpan.FromMinutes(options.Value.InstanceWindowMinutes);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SnapshotSeconds), time);
        var migrated = false;
        try
        {
            do
            {
                try
                {
                    migrated = migrated || (await database.PendingMigrationsAsync(stoppingToken)).Count == 0;
                    if (migrated) metrics.Publish(await reader.ReadAsync(window, stoppingToken));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogDebug(ex, "The gauges' counts could not be read; the last ones stand.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
