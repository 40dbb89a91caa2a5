using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConfigAdmin.Client;

/// <summary>
/// Holds an application's resolved configuration from a ConfigAdmin server: loaded at start (from the server, else
/// from the cache file), then kept current by a background long poll that raises the reload token on each change.
/// Background failures are logged, never thrown. Dispose it (the configuration root does) to stop the poll.
/// </summary>
public sealed class ConfigAdminConfigurationProvider : ConfigurationProvider, IDisposable
{
    /// <summary>Added to the long poll's wait for its deadline: the server answers at the wait's end, give it room.</summary>
    private static readonly TimeSpan PollMargin = TimeSpan.FromSeconds(30);

    private readonly ConfigAdminClientOptions _options;
    private readonly Uri _server;
    private readonly string _application;
    private readonly string _environment;
    private readonly ConfigDocumentClient _client;
    private readonly CacheFile? _cache;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private Task? _loop;
    private bool _loaded;
    private bool _disposed;
    private string? _appliedETag;
    private string? _cachedETag;
    private bool _startedWithoutServer;

    /// <summary>Creates a provider for these options (checked here); nothing is fetched before <see cref="Load"/>.</summary>
    /// <param name="options">Server, application, environment and behaviour. Read now; later changes to it are not seen.</param>
    /// <exception cref="InvalidOperationException">An option is missing or out of range.</exception>
    public ConfigAdminConfigurationProvider(ConfigAdminClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OptionsReader.Validate(options) is { } error) throw new InvalidOperationException(error);
        _options = options;
        _server = options.ServerUrl!;
        _application = options.Application!;
        _environment = options.Environment!;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ConfigAdmin.Client");
        if (!string.IsNullOrEmpty(options.CacheFile)) _cache = new CacheFile(options.CacheFile, _server, _application, _environment, options.Time);
        InstanceId = options.InstanceId ?? Guid.NewGuid().ToString("D");
        _client = new ConfigDocumentClient(options, ClientHeader.Format(InstanceId, System.Environment.MachineName, ClientHeader.LibraryVersion));
        Health = new HealthReporter(_client, InstanceId, () => AppliedETag, _logger, options.MaxRetryDelay, options.Time, _stopping.Token);
    }

    /// <summary>
    /// This provider's id in the <c>ConfigAdmin-Client</c> header and its health reports:
    /// <see cref="ConfigAdminClientOptions.InstanceId"/>, else new for every provider instance.
    /// </summary>
    public string InstanceId { get; }

    /// <summary>What the server is told of this instance's health (see <see cref="ConfigAdminHealth"/>).</summary>
    internal HealthReporter Health { get; }

    /// <summary>The ETag of the document the values come from (from the server or the cache file); <see langword="null"/> before any.</summary>
    public string? AppliedETag => Volatile.Read(ref _appliedETag);

    /// <summary>
    /// The first call loads the configuration (within <see cref="ConfigAdminClientOptions.StartupTimeout"/>) and starts
    /// the background poll; later calls (<c>IConfigurationRoot.Reload()</c>) keep the live values, which the poll already
    /// keeps current.
    /// </summary>
    /// <exception cref="ConfigAdminException">
    /// The server refused, or could not be reached and there is no usable cache file, the source is not optional and
    /// <see cref="ConfigAdminClientOptions.OnLoadException"/> did not ignore it.
    /// </exception>
    public override void Load()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loaded) return;
            _loaded = true;
        }
        try
        {
            // Load is synchronous by contract; Task.Run keeps a caller's synchronization context out of the awaits.
            Task.Run(() => LoadFirstAsync(_stopping.Token)).GetAwaiter().GetResult();
        }
        catch (ConfigAdminException ex)
        {
            var context = new ConfigAdminLoadExceptionContext(this, ex);
            _options.OnLoadException?.Invoke(context);
            if (!context.Ignore)
            {
                lock (_gate) _loaded = false;
                throw;
            }
            _logger.LoadFailureIgnored(ex, _application, _environment, _server);
            _startedWithoutServer = true;
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        }
        lock (_gate)
        {
            if (!_disposed) _loop = Task.Run(() => PollLoopAsync(_stopping.Token));
        }
    }

    private async Task LoadFirstAsync(CancellationToken stopping)
    {
        CachedDocument? cached = null;
        string? cacheProblem = null;
        if (_cache is not null)
        {
            cached = _cache.TryRead(out cacheProblem);
            if (cacheProblem is not null) _logger.CacheUnusable(_cache.Path, cacheProblem);
        }

        using var startup = new CancellationTokenSource(_options.StartupTimeout, _options.Time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping, startup.Token);
        string? reason = null;
        Exception? error = null;
        var failures = 0;
        try
        {
            while (true)
            {
                // No Prefer: wait at start: the app is waiting for an answer, not for a change.
                var result = await _client.GetAsync(cached?.ETag, wait: null, Timeout.InfiniteTimeSpan, budget.Token).ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case PollOutcome.Document:
                        Apply(result, initial: true);
                        return;
                    case PollOutcome.NotModified:
                        // The cache holds exactly the server's current document.
                        Data = cached!.Data;
                        _cachedETag = cached.ETag;
                        Volatile.Write(ref _appliedETag, cached.ETag);
                        _logger.Loaded(_application, _environment, _server, Data.Count, cached.ETag);
                        return;
                    case PollOutcome.Refused:
                        throw new ConfigAdminException(
                            $"The ConfigAdmin server {_server} refused the configuration of application '{_application}' " +
                            $"(environment '{_environment}'): {result.Reason!.TrimEnd('.')}. Check ServerUrl, Application, Environment and ApiKey.",
                            _server, _application, _environment, result.Status, result.ProblemCode);
                    default:
                        reason = result.Reason;
                        error = result.Error;
                        failures++;
                        await Task.Delay(Backoff.Delay(failures, _options.MaxRetryDelay, result.RetryAfter, Random.Shared.NextDouble()),
                            _options.Time, budget.Token).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // StartupTimeout is spent: fall back below.
        }

        reason ??= $"no answer within {_options.StartupTimeout.TotalSeconds:0.#} s";
        _startedWithoutServer = true;
        if (cached is not null)
        {
            Data = cached.Data;
            _cachedETag = cached.ETag;
            Volatile.Write(ref _appliedETag, cached.ETag);
            _logger.StartedFromCache(_server, _application, _environment, reason, _cache!.Path, cached.SavedAt, cached.ETag);
            return;
        }
        if (_options.Optional)
        {
            _logger.StartedEmpty(_server, _application, _environment, reason);
            return;
        }
        var cacheSentence = _cache is null ? "No CacheFile is configured to start from."
            : cacheProblem is null ? $"The cache file {_cache.Path} does not exist yet."
            : $"The cache file {_cache.Path} cannot be used: {cacheProblem}.";
        throw new ConfigAdminException(
            $"Could not load the configuration of application '{_application}' (environment '{_environment}') from the " +
            $"ConfigAdmin server {_server} within {_options.StartupTimeout.TotalSeconds:0.#} s: {reason}. {cacheSentence} " +
            "Set Optional = true to start without these values, or decide in OnLoadException.",
            _server, _application, _environment, innerException: error);
    }

    /// <summary>Long-polls until disposed. Never throws: every failure is logged and retried.</summary>
    private async Task PollLoopAsync(CancellationToken stopping)
    {
        // A start without the server was already logged as a warning: the loop's retries go on quietly until it answers.
        var failures = _startedWithoutServer ? 1 : 0;
        string? refusal = null;
        var refusals = 0;
        var toldNoLongPoll = false;
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var sent = Volatile.Read(ref _appliedETag);
                var result = await _client.GetAsync(sent, _options.LongPollWait, _options.LongPollWait + PollMargin, stopping).ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case PollOutcome.Document or PollOutcome.NotModified:
                        if (failures > 0 || refusal is not null) _logger.Recovered(_server, _application, _environment);
                        failures = 0;
                        refusal = null;
                        refusals = 0;
                        if (result.Outcome == PollOutcome.Document) Apply(result, initial: false);
                        // Ask again at once only when the server held the request, or after a real change (the next
                        // request then tells whether it holds). A server that answers at once is polled at an interval.
                        var changed = result.Outcome == PollOutcome.Document && result.ETag is not null && result.ETag != sent;
                        delay = result.WaitHonoured || changed ? TimeSpan.Zero : _options.FallbackPollInterval;
                        if (!result.WaitHonoured && !changed && !toldNoLongPoll)
                        {
                            toldNoLongPoll = true;
                            _logger.NoLongPoll(_server, _options.FallbackPollInterval);
                        }
                        break;
                    case PollOutcome.Refused:
                        delay = _options.MaxRetryDelay;
                        refusals = refusal == result.Reason ? refusals + 1 : 1;
                        // Loud once per reason (a revoked key, a deleted application), then quiet while it lasts.
                        if (refusals == 1) _logger.Refused(_server, _application, _environment, result.Reason!, delay);
                        else _logger.PollFailedAgain(_server, refusals, result.Reason!, delay);
                        refusal = result.Reason;
                        break;
                    default:
                        failures++;
                        delay = Backoff.Delay(failures, _options.MaxRetryDelay, result.RetryAfter, Random.Shared.NextDouble());
                        if (failures == 1) _logger.PollFailed(_server, _application, _environment, result.Reason!, delay);
                        else _logger.PollFailedAgain(_server, failures, result.Reason!, delay);
                        break;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LoopError(ex, _application);
                delay = _options.MaxRetryDelay;
            }

            if (delay <= TimeSpan.Zero) continue;
            try
            {
                await Task.Delay(delay, _options.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Takes a document from the server: new values, the cache file, and (after start) the reload token.</summary>
    private void Apply(PollResult result, bool initial)
    {
        if (result.Stale) _logger.StaleDocument(_server, _application, _environment);
        var current = Volatile.Read(ref _appliedETag);
        if (!initial && (result.ETag is not null ? result.ETag == current : SameData(Data, result.Data!))) return;

        foreach (var key in result.Collisions ?? []) _logger.Collision(_application, key);
        Data = result.Data!;
        Volatile.Write(ref _appliedETag, result.ETag);
        WriteCache(result);
        if (initial)
        {
            _logger.Loaded(_application, _environment, _server, Data.Count, result.ETag);
            return;
        }
        _logger.Changed(_application, _environment, Data.Count, result.ETag);
        try
        {
            OnReload();
            Health.SetReloadFailure(null);
        }
        catch (Exception ex)
        {
            // A subscriber's exception (an options monitor re-binding or validating the new values, an OnChange
            // handler) must not stop the poll; the server hears at once that this instance fails on this document.
            _logger.ReloadCallbackFailed(ex, _application);
            Health.SetReloadFailure(ReloadFailure(ex));
        }
    }

    /// <summary>The innermost reasons a reload threw for (an options validation's failures, a binder's message).</summary>
    internal static string ReloadFailure(Exception ex)
    {
        var reasons = ex is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.Select(e => e.Message) : [ex.Message];
        return "Applying configuration " + string.Join("; ", reasons.Distinct());
    }

    private void WriteCache(PollResult result)
    {
        if (_cache is null || (result.ETag is not null && result.ETag == _cachedETag)) return;
        try
        {
            _cache.Write(result.Body, result.ETag);
            _cachedETag = result.ETag;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _logger.CacheWriteFailed(ex, _cache.Path);
        }
    }

    private static bool SameData(IDictionary<string, string?> a, Dictionary<string, string?> b) =>
        a.Count == b.Count && b.All(pair => a.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Stops the background poll (cancelling a poll in flight) and releases the HTTP connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _stopping.Cancel();
        try
        {
            // The loop ends at its next await; bounded in case Dispose runs inside a reload callback of the loop itself.
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop catches everything; nothing to report.
        }
        _client.Dispose();
    }

    /// <summary>Names the application, environment and server (shown by <c>IConfigurationRoot.GetDebugView()</c>).</summary>
    /// <returns>A short description of this provider.</returns>
    public override string ToString() => $"ConfigAdmin {_application} ({_environment}) at {_server}";
}
