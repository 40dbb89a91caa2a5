using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Client;

/// <summary>An instance's health as reported to the server: failing with a reason, or ok.</summary>
internal readonly record struct HealthState(bool Failing, string? Reason)
{
    public static readonly HealthState Ok = new(false, null);
}

/// <summary>
/// Keeps the server told of one provider's health (design §14): failing while the app says so or while the last reload
/// threw (binding, options validation, a change callback), ok otherwise. A change goes out at once, on its own task,
/// never with the next poll; a failed send is retried with backoff until the server has the newest state.
/// </summary>
internal sealed class HealthReporter(ConfigDocumentClient client, string instanceId, Func<string?> appliedETag, ILogger logger,
    TimeSpan maxRetryDelay, TimeProvider time, CancellationToken stopping)
{
    /// <summary>The longest reason sent; the server keeps no more.</summary>
    internal const int MaxReason = 1000;

    private readonly object _gate = new();
    private string? _appFailure;
    private string? _reloadFailure;
    private HealthState _sent = HealthState.Ok;
    private Task? _sending;

    public HealthState Current
    {
        get
        {
            lock (_gate) return StateOf(_appFailure, _reloadFailure);
        }
    }

    /// <summary>The app says it is failing (<c>reason</c>), or healthy again (<see langword="null"/>).</summary>
    public void SetAppFailure(string? reason) => Set(() => _appFailure = reason);

    /// <summary>The last reload threw (<c>reason</c>), or applied cleanly (<see langword="null"/>).</summary>
    public void SetReloadFailure(string? reason) => Set(() => _reloadFailure = reason);

    /// <summary>Waits until the server holds the current state (or sending gave up); for tests and orderly shutdowns.</summary>
    public Task Sent
    {
        get
        {
            lock (_gate) return _sending ?? Task.CompletedTask;
        }
    }

    private static HealthState StateOf(string? app, string? reload) =>
        app is null && reload is null ? HealthState.Ok : new HealthState(true, Clip(app is null ? reload : reload is null ? app : $"{app}; {reload}"));

    private static string Clip(string? reason) => reason is { Length: > MaxReason } ? reason[..MaxReason] : reason ?? "";

    private void Set(Action change)
    {
        lock (_gate)
        {
            change();
            if (StateOf(_appFailure, _reloadFailure) == _sent || _sending is { IsCompleted: false }) return;
            _sending = Task.Run(SendAsync);
        }
    }

    private async Task SendAsync()
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            HealthState wanted;
            lock (_gate)
            {
                wanted = StateOf(_appFailure, _reloadFailure);
                if (wanted == _sent)
                {
                    _sending = null;
                    return;
                }
            }
            PollResult result;
            try
            {
                result = await client.ReportHealthAsync(instanceId, wanted, appliedETag(), stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            if (result.Outcome == PollOutcome.Document)
            {
                lock (_gate) _sent = wanted;
                logger.HealthReported(instanceId, wanted.Failing ? "failing" : "ok", wanted.Reason);
                failures = 0;
                continue;
            }
            if (result.Outcome == PollOutcome.Refused)
            {
                // The server will not take it (an old server without the route, a key without access): asking again will not help.
                logger.HealthRefused(instanceId, result.Reason!);
                lock (_gate)
                {
                    _sent = wanted;
                    _sending = null;
                }
                return;
            }
            failures++;
            var delay = Backoff.Delay(failures, maxRetryDelay, result.RetryAfter, Random.Shared.NextDouble());
            logger.HealthReportFailed(instanceId, result.Reason!, delay);
            try
            {
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
