using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using ConfigAdmin.Data.Providers;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// Migrate (unless switched off), create the default environments, seed the demo — in the background, after the
/// server listens, so <c>/health</c> answers (and <c>/health/ready</c> says 503) however long this takes. An
/// unreachable database is waited for; any other failure stops the host, as a failed start should.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IDatabaseMaintenance maintenance,
    StartupState state,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host goes on to start Kestrel at once
        while (true)
        {
            try
            {
                await RunAsync(stoppingToken);
                state.MarkReady();
                logger.LogInformation("Start-up work done ({Provider}): ready", options.Value.ParsedProvider);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && DatabaseErrors.IsUnavailable(ex))
            {
                logger.LogWarning(ex, "The database cannot be reached at start-up; retrying in {Seconds} s", Retry.TotalSeconds);
                await Task.Delay(Retry, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        await MigrateOrWaitAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().Actor = "system";
        await scope.ServiceProvider.GetRequiredService<EnvironmentService>().EnsureDefaultsAsync(ct);

        if (options.Value.SeedDemoData && environment.IsDevelopment()
            && await scope.ServiceProvider.GetRequiredService<ApplicationService>().CountAsync(ct) == 0)
        {
            await DemoData.SeedAsync(scope.ServiceProvider, ct);
            logger.LogInformation("Seeded the demo data set into the empty database");
        }
    }

    /// <summary>Applies pending migrations, or, where deployments migrate separately, waits until they have.</summary>
    private async Task MigrateOrWaitAsync(CancellationToken ct)
    {
        if (options.Value.MigrateOnStartup)
        {
            var applied = await maintenance.MigrateAsync(ct);
            if (applied > 0) logger.LogInformation("Applied {Count} migration(s)", applied);
            return;
        }
        var warned = false;
        while ((await maintenance.PendingMigrationsAsync(ct)).Count > 0)
        {
            if (!warned) logger.LogWarning("Migrations are pending and Database:MigrateOnStartup is off: waiting for them to be applied");
            warned = true;
            await Task.Delay(Retry, ct);
        }
    }
}
