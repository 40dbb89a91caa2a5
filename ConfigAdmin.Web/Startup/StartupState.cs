using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConfigAdmin.Web.Startup;

/// <summary>Whether the start-up work (migrations, default environments, demo data) is done; until then only /health answers.</summary>
public sealed class StartupState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Completes when the start-up work is done: background work that reads the tables waits for it.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

/// <summary>Ready only after the start-up work finished.</summary>
public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Start-up work is still running."));
}
