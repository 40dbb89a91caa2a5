using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using ConfigAdmin.Data.Providers;
using ConfigAdmin.Web.Security;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// Migrate (unless switched off), check the key ring, encrypt milestone-1 secrets once, load who may do what, create
/// the default environments, seed the demo, make sure someone can sign in — in the background, after the server
/// listens, so <c>/health</c> answers (and <c>/health/ready</c> says 503) however long this takes. An unreachable
/// database is waited for; any other failure stops the host, as a failed start should.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IDatabaseMaintenance maintenance,
    SecretsUpgrade secrets,
    RevisionsBaseline baseline,
    AccessDirectory directory,
    Core.Rollouts.RolloutRegistry rollouts,
    StartupState state,
    IOptions<DatabaseOptions> options,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
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
                var instructions = await RunAsync(stoppingToken);
                state.MarkReady();
                logger.LogInformation("Start-up work done ({Provider}): ready", options.Value.ParsedProvider);
                // For the person who started the app, on the console rather than in the log: it may hold a one-time credential.
                if (instructions is not null) Console.WriteLine(instructions);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && DatabaseErrors.IsUnavailable(ex))
            {
                logger.LogWarning(ex, "The database cannot be reached at start-up; retrying in {Seconds} s", Retry.TotalSeconds);
                await Task.Delay(Retry, stoppingToken);
            }
        }
    }

    private async Task<string?> RunAsync(CancellationToken ct)
    {
        await MigrateOrWaitAsync(ct);
        await maintenance.VerifyKeyRingAsync(ct);
        if (await secrets.RunAsync(ct) is > 0 and var encrypted)
        {
            await maintenance.CompactSecretsAsync(ct);
            logger.LogInformation("Encrypted {Count} secret value(s) kept in clear by the previous version", encrypted);
        }
        if (await baseline.RunAsync(ct) is > 0 and var first)
            logger.LogInformation("Recorded a first revision for {Count} key(s) kept before revisions were: their history starts now", first);
        if (security.Value.BootstrapApiKey is { Length: > 0 } bootstrap) directory.UseBootstrapKey(bootstrap);
        await directory.RefreshAsync(ct);
        // Rollouts survive a restart: the read path serves them again from its first request on.
        await rollouts.RefreshAsync(ct);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Caller.System);
        await scope.ServiceProvider.GetRequiredService<EnvironmentService>().EnsureDefaultsAsync(ct);

        var demo = options.Value.SeedDemoData && environment.IsDevelopment();
        if (demo && await scope.ServiceProvider.GetRequiredService<ApplicationService>().CountAsync(ct) == 0)
        {
            await DemoData.SeedAsync(scope.ServiceProvider, ct);
            logger.LogInformation("Seeded the demo data set into the empty database");
        }
        var firstRun = scope.ServiceProvider.GetRequiredService<FirstRun>();
        await firstRun.EnsureAsync(demo, ct);
        // The instructions carry the address the server listens on, known once it has started: start-up work that
        // finished first would print the default address instead of a dynamic port's.
        await ServerStartedAsync(ct);
        return await firstRun.InstructionsAsync(ct);
    }

    private async Task ServerStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
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
