using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ConfigAdmin.Core.Observability;

/// <summary>
/// ConfigAdmin's own meter (design §15): owns the <see cref="Meter"/>, creates every instrument once, and is injected where
/// the events happen. Each method checks its instrument's <c>Enabled</c> before it builds a tag, so with metrics off
/// (nothing listening) recording costs a field read. Labels are bounded: application and environment names (lower case,
/// as names match ignoring case), status codes and fixed words; never an instance id, a key's or user's name, a secret
/// or a configuration key's name.
/// </summary>
public sealed class ConfigAdminMetrics : IDisposable
{
    public const string MeterName = "ConfigAdmin";

    /// <summary>Distinct (application, environment) label sets kept for client reads; beyond it reads count under <see cref="Other"/>.</summary>
    public const int MaxReadLabelSets = 10_000;

    public const string Other = "_other";

    // The outcome words of configadmin.rollouts and configadmin.webhook.deliveries.
    public const string Started = "started";
    public const string Completed = "completed";
    public const string RolledBack = "rolled_back";
    public const string Delivered = "delivered";
    public const string Retried = "retried";
    public const string Failed = "failed";

    private static readonly KeyValuePair<string, object?> LongPoll = new("kind", "long_poll");
    private static readonly KeyValuePair<string, object?> Stream = new("kind", "stream");
    private static readonly KeyValuePair<string, object?> Local = new("origin", "local");
    private static readonly KeyValuePair<string, object?> Followed = new("origin", "followed");

    private readonly Meter _meter;
    private readonly Counter<long> _reads;
    private readonly Histogram<double> _readDuration;
    private readonly UpDownCounter<long> _waiters;
    private readonly Counter<long> _changes;
    private readonly Histogram<double> _propagation;
    private readonly Counter<long> _rollouts;
    private readonly Counter<long> _webhookDeliveries;
    private readonly ReadLabels _readLabels = new();
    private volatile GaugeSnapshot _snapshot = GaugeSnapshot.Empty;

    public ConfigAdminMetrics(IMeterFactory? meterFactory = null)
    {
        // Without a host (a seeding tool, component tests) the meter is the process's own and nobody listens.
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _reads = _meter.CreateCounter<long>("configadmin.client.reads", "{read}",
            "Client reads answered, by application, environment and status (200 or 304).");
        _readDuration = _meter.CreateHistogram("configadmin.client.read.duration", "s",
            "Time to answer a client read that did not wait (long polls are not in it), of one read in eight.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _waiters = _meter.CreateUpDownCounter<long>("configadmin.waiters", "{waiter}",
            "Long polls and event streams this node holds now, by kind (long_poll or stream).");
        _changes = _meter.CreateCounter<long>("configadmin.changes", "{change}",
            "Committed changes, once per environment whose resolved document they changed, by application and environment.");
        _propagation = _meter.CreateHistogram("configadmin.change.propagation", "s",
            "From a change's commit to this node waking its waiters, by origin (local: committed here; followed: from the change record).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _meter.CreateObservableGauge("configadmin.instances", ObserveInstances, "{instance}",
            "Client instances seen in the last few minutes (Metrics:InstanceWindowMinutes), by application and environment.");
        _meter.CreateObservableGauge("configadmin.change_requests.open", ObserveOpenRequests, "{request}",
            "Change requests open (waiting for approval or to be applied), by application.");
        _rollouts = _meter.CreateCounter<long>("configadmin.rollouts", "{rollout}",
            "Progressive rollouts by application, environment and outcome (started, completed, rolled_back).");
        _webhookDeliveries = _meter.CreateCounter<long>("configadmin.webhook.deliveries", "{delivery}",
            "Webhook delivery attempts by outcome (delivered; retried: failed, due again; failed: failed for the last time).");
    }

    /// <summary>
    /// One client read in this many is timed: two clock reads and a histogram's bucket cost more than the rest of the
    /// recording (bench/MetricsCost), and a sample gives the same quantiles. <c>configadmin.client.reads</c> counts every read.
    /// </summary>
    public const int DurationSampling = 8;

    // Racy by design: two reads that increment it at once only move the sample by one.
    private int _readsSeen;

    /// <summary>A timestamp for <see cref="ClientRead"/>'s duration for one read in <see cref="DurationSampling"/>; else, or when nobody listens to it, 0.</summary>
    public long ReadStarted() => _readDuration.Enabled && (++_readsSeen & (DurationSampling - 1)) == 0 ? Stopwatch.GetTimestamp() : 0;

    /// <summary>
    /// One client read answered. The hot path calls it for every cached read: no allocation once the (application,
    /// environment) pair has been seen (its tags are built once and kept), no boxing (the two status codes are boxed once).
    /// </summary>
    /// <param name="started">From <see cref="ReadStarted"/>; 0 records no duration (a long poll's wait is not a read's speed).</param>
    public void ClientRead(ReadOnlySpan<char> application, ReadOnlySpan<char> environment, int status, long started)
    {
        if (_reads.Enabled && _readLabels.Of(application, environment) is { } tags)
        {
            if (status == 200) _reads.Add(1, tags.Ok);
            else if (status == 304) _reads.Add(1, tags.NotModified);
            else _reads.Add(1, new TagList { tags.Ok[0], tags.Ok[1], new("http.response.status_code", status) });
        }
        if (started != 0 && _readDuration.Enabled) _readDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>A long poll or stream starts waiting; disposing the result ends it.</summary>
    public Waiter Waiting(WaiterKind kind)
    {
        if (!_waiters.Enabled) return default;
        var tag = kind == WaiterKind.Stream ? Stream : LongPoll;
        _waiters.Add(1, tag);
        return new Waiter(_waiters, tag);
    }

    /// <summary>A committed change of <paramref name="application"/>'s documents in these environments.</summary>
    public void Changed(string application, IEnumerable<string> environments)
    {
        if (!_changes.Enabled) return;
        var app = application.ToLowerInvariant();
        foreach (var environment in environments)
            _changes.Add(1, new KeyValuePair<string, object?>("application", app), new("environment", environment.ToLowerInvariant()));
    }

    /// <summary>This node woke its waiters for a change committed <paramref name="seconds"/> ago, here or on another node.</summary>
    public void Propagated(double seconds, bool local)
    {
        if (_propagation.Enabled) _propagation.Record(Math.Max(0, seconds), local ? Local : Followed);
    }

    /// <summary>A rollout of <paramref name="application"/> in <paramref name="environment"/> started, completed or rolled back (design §14).</summary>
    public void Rollout(string application, string environment, string outcome)
    {
        if (_rollouts.Enabled)
            _rollouts.Add(1, new KeyValuePair<string, object?>("application", application.ToLowerInvariant()),
                new("environment", environment.ToLowerInvariant()), new("outcome", outcome));
    }

    /// <summary>One webhook delivery attempt, recorded: <see cref="Delivered"/>, <see cref="Retried"/> (due again later) or <see cref="Failed"/> (given up).</summary>
    public void WebhookDelivery(string outcome)
    {
        if (_webhookDeliveries.Enabled) _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>The database's current counts, taken periodically (<c>MetricsSnapshots</c>); the gauges report the latest.</summary>
    public void Publish(GaugeSnapshot snapshot) => _snapshot = snapshot;

    private IEnumerable<Measurement<long>> ObserveInstances()
    {
        foreach (var ((app, env), count) in _snapshot.Instances)
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("application", app), new("environment", env));
    }

    private IEnumerable<Measurement<long>> ObserveOpenRequests()
    {
        foreach (var (app, count) in _snapshot.OpenRequests)
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("application", app));
    }

    public void Dispose() => _meter.Dispose();

    public enum WaiterKind
    {
        LongPoll,
        Stream,
    }

    /// <summary>One waiter counted in <c>configadmin.waiters</c>; disposing it counts it out.</summary>
    public readonly struct Waiter(UpDownCounter<long>? waiters, KeyValuePair<string, object?> tag) : IDisposable
    {
        public void Dispose() => waiters?.Add(-1, tag);
    }
}

/// <summary>Counts the gauges report, by lower-case application (and environment) name.</summary>
public sealed record GaugeSnapshot(
    IReadOnlyDictionary<(string Application, string Environment), long> Instances,
    IReadOnlyDictionary<string, long> OpenRequests)
{
    public static readonly GaugeSnapshot Empty = new(new Dictionary<(string, string), long>(), new Dictionary<string, long>());
}
