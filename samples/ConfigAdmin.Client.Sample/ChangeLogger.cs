using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Client.Sample;

/// <summary>
/// Logs the typed options at start and after each reload. OnChange fires for every options type bound to the
/// configuration on any change, so an unchanged section is logged again too.
/// </summary>
public sealed class ChangeLogger(
    IOptionsMonitor<PaymentsOptions> payments,
    IOptionsMonitor<FeatureOptions> features,
    ILogger<ChangeLogger> logger) : IHostedService
{
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log("now", payments.CurrentValue);
        Log("now", features.CurrentValue);
        _subscriptions.Add(payments.OnChange(p => Log("reloaded", p))!);
        _subscriptions.Add(features.OnChange(f => Log("reloaded", f))!);
        logger.LogInformation("Change a value of checkout-api (development) in ConfigAdmin and watch it arrive. Ctrl+C to stop.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private void Log(string when, PaymentsOptions p) =>
        // Never log a secret: show only whether one is set.
        logger.LogInformation("Payments {When}: TimeoutSeconds={Timeout}, RetryBackoff={Backoff}, ApiKey set={HasKey}",
            when, p.TimeoutSeconds, p.RetryBackoff, p.ApiKey.Length > 0);

    private void Log(string when, FeatureOptions f) =>
        logger.LogInformation("Features {When}: OneClickBuy={OneClickBuy}", when, f.OneClickBuy);
}
