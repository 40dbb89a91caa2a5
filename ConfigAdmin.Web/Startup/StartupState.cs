using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConfigAdmin.Web.Startup;

/// <summary>Whether the start-up work (migrations, default environments, demo data) is done; until then only /health answers.</summary>
public sealed class StartupState
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}

/// <summary>Ready only after the start-up work finished.</summary>
public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Start-up work is still running."));
}
