using System.Diagnostics.Metrics;
using ConfigAdmin.Core.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Unit;

/// <summary>What the client read's hot path records, and that it allocates nothing doing so.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigAdminMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _seen = [];
    private readonly ConfigAdminMetrics _metrics;
    private bool _keep = true;

    public ConfigAdminMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new ConfigAdminMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (!_keep) return;
            var kept = new Dictionary<string, object?>();
            foreach (var tag in tags) kept[tag.Key] = tag.Value;
            _seen.Add((instrument.Name, value, kept));
        });
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _listener.Start();
    }

    [Fact]
    public void ClientRead_TagsTheNamesInLowerCase_WithTheStatus()
    {
        _metrics.ClientRead("Shop-API", "Production", 304, _metrics.ReadStarted());

        var (name, value, tags) = Assert.Single(_seen);
        Assert.Equal(("configadmin.client.reads", 1L), (name, value));
        Assert.Equal("shop-api", tags["application"]);
        Assert.Equal("production", tags["environment"]);
        Assert.Equal(304, tags["http.response.status_code"]);
    }

    [Fact]
    public void ClientRead_TimesOneReadInEight_AndCountsEvery()
    {
        var timed = 0;
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => { if (instrument.Name == "configadmin.client.read.duration") timed++; });

        for (var i = 0; i < 8 * ConfigAdminMetrics.DurationSampling; i++) _metrics.ClientRead("shop", "production", 200, _metrics.ReadStarted());

        Assert.Equal(8, timed);
        Assert.Equal(8 * ConfigAdminMetrics.DurationSampling, _seen.Count(s => s.Instrument == "configadmin.client.reads"));
    }

    [Fact]
    public void ClientRead_OnceItsPairIsKnown_AllocatesNothing()
    {
        var url = "/v1/applications/checkout-api/config?environment=production";
        var application = url.AsSpan(17, 12);
        var environment = url.AsSpan(url.IndexOf('=') + 1);
        _metrics.ClientRead(application, environment, 200, _metrics.ReadStarted());
        _metrics.ClientRead(application, environment, 304, _metrics.ReadStarted());
        _keep = false;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            _metrics.ClientRead(application, environment, 200, _metrics.ReadStarted());
            _metrics.ClientRead(application, environment, 304, _metrics.ReadStarted());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ClientRead_BeyondTheLabelLimit_CountsUnderOther()
    {
        _keep = false;
        for (var i = 0; i < ConfigAdminMetrics.MaxReadLabelSets; i++) _metrics.ClientRead($"app-{i}", "production", 200, 0);
        _keep = true;

        _metrics.ClientRead("one-too-many", "production", 200, 0);
        _metrics.ClientRead("app-7", "production", 200, 0);

        Assert.Equal([ConfigAdminMetrics.Other, "app-7"], _seen.Select(s => s.Tags["application"]));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _services.Dispose();
    }
}
