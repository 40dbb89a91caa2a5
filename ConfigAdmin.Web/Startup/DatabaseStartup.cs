using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data.Health;
using ConfigAdmin.Data.Providers;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Startup;

/// <summary>Before the server listens: migrate (unless switched off), create the default environments, seed the demo.</summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IDatabaseMaintenance maintenance,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.MigrateOnStartup)
        {
            await maintenance.MigrateAsync(ct);
            logger.LogInformation("Database migrated ({Provider})", options.Value.ParsedProvider);
        }
        else if ((await maintenance.PendingMigrationsAsync(ct)).Count > 0)
        {
            logger.LogWarning("Migrations are pending and Database:MigrateOnStartup is off: /health/ready answers 503 until they are applied");
            return;
        }

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

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
