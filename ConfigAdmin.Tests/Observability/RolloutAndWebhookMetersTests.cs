using System.Diagnostics.Metrics;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Tests.Rollouts;
using ConfigAdmin.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Observability;

/// <summary>
/// <c>configadmin.rollouts</c> and <c>configadmin.webhook.deliveries</c> (design §15) as the real services record them,
/// on a real database with the clock in the test's hand; and a monitor key's signal rolls a rollout back (design §14).
/// </summary>
[Trait("Category", "Database")]
public abstract class RolloutMetersTests(ClockedServiceHost host)
{
    private static readonly Caller Monitor = new(CallerKind.ApiKey, "alertmanager", [new Grant(Role.Monitor, null)]);

    [Fact]
    public async Task Rollouts_AreCountedWhenStartedCompletedAndRolledBack_AMonitorKeysSignalRollingBack()
    {
        using var meters = new MeterRecorder(host.Services);
        var signalled = await new RolloutTestKit(host).CreateAsync();
        var first = await signalled.StartAsync();
        var promoted = await new RolloutTestKit(host).CreateAsync();
        var second = await promoted.StartAsync();

        (string, object?) Of(RolloutTestKit kit) => ("application", kit.App.ToLowerInvariant());
        (string, object?) Production = ("environment", "production");
        var (signalledChanges, promotedChanges) = (meters.Sum("configadmin.changes", Of(signalled), Production), meters.Sum("configadmin.changes", Of(promoted), Production));

        var rolledBack = await signalled.WithAs(Monitor, r => r.SignalAsync(first.Id, new RolloutSignal("checkout 5xx at 4 %")));
        await promoted.With(r => r.PromoteAsync(second.Id));

        Assert.Equal(RolloutStatus.RolledBack, rolledBack.Status);
        Assert.Contains("key:alertmanager", rolledBack.Reason);
        Assert.Empty(rolledBack.Instances); // a monitor key reads no application
        // It may signal, and nothing more: the rollout itself is not its to read.
        await Assert.ThrowsAsync<NotFoundException>(() => signalled.WithAs(Monitor, r => r.GetAsync(first.Id)));
        Assert.Equal(1, meters.Sum("configadmin.rollouts", Of(signalled), Production, ("outcome", "started")));
        Assert.Equal(1, meters.Sum("configadmin.rollouts", Of(signalled), Production, ("outcome", "rolled_back")));
        Assert.Equal(0, meters.Sum("configadmin.rollouts", Of(signalled), ("outcome", "completed")));
        Assert.Equal(1, meters.Sum("configadmin.rollouts", Of(promoted), Production, ("outcome", "started")));
        Assert.Equal(1, meters.Sum("configadmin.rollouts", Of(promoted), Production, ("outcome", "completed")));
        Assert.Equal(0, meters.Sum("configadmin.rollouts", Of(promoted), ("outcome", "rolled_back")));
        // Completing applied the request: one more change of production's document; rolling back changed no document.
        Assert.Equal(promotedChanges + 1, meters.Sum("configadmin.changes", Of(promoted), Production));
        Assert.Equal(signalledChanges, meters.Sum("configadmin.changes", Of(signalled), Production));
    }
}

/// <summary>Every webhook delivery attempt, counted once it is recorded, by what became of the delivery.</summary>
[Trait("Category", "Database")]
public abstract class WebhookMetersTests(WebhookServiceHost host) : IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await host.DeleteWebhooksAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Deliveries_AreCountedAsDeliveredRetriedOrFailed()
    {
        using var meters = new MeterRecorder(host.Services);
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        var answer = 503;
        _receiver.Respond = (_, _) => Task.FromResult(answer);
        await host.WithServiceAsync(s => s.GetRequiredService<ConfigService>().SetOverrideAsync(timeout, "staging", "31", null));

        Assert.Equal(1, await host.DeliverDueAsync());
        host.Time.Advance(TimeSpan.FromSeconds(5));
        answer = 200;
        Assert.Equal(1, await host.DeliverDueAsync());
        Assert.Equal((1, 1, 0), Outcomes(meters));

        // A receiver down for longer than the retries' day: the last attempt fails the delivery.
        answer = 500;
        await host.WithServiceAsync(s => s.GetRequiredService<ConfigService>().SetOverrideAsync(timeout, "staging", "32", null));
        Assert.Equal(1, await host.DeliverDueAsync());
        for (var hour = 0; hour < 48 && (await host.DeliveriesAsync(webhook.Id))[^1].State == DeliveryState.Pending; hour++)
        {
            host.Time.Advance(TimeSpan.FromHours(1));
            await host.DeliverDueAsync();
        }
        var attempts = (await host.DeliveriesAsync(webhook.Id))[^1].Attempts;
        Assert.Equal(DeliveryState.Failed, (await host.DeliveriesAsync(webhook.Id))[^1].State);
        Assert.Equal((1, 1 + attempts - 1, 1), Outcomes(meters));
    }

    private static (long Delivered, long Retried, long Failed) Outcomes(MeterRecorder meters) =>
        (meters.Sum("configadmin.webhook.deliveries", ("outcome", "delivered")), meters.Sum("configadmin.webhook.deliveries", ("outcome", "retried")),
            meters.Sum("configadmin.webhook.deliveries", ("outcome", "failed")));
}

/// <summary>What this host's meters (its <see cref="IMeterFactory"/>'s) record while it lives: no other host's.</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _seen = [];

    public MeterRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        Assert.NotNull(services.GetRequiredService<ConfigAdminMetrics>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == ConfigAdminMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var kept = new Dictionary<string, object?>();
            foreach (var tag in tags) kept[tag.Key] = tag.Value;
            lock (_seen) _seen.Add((instrument.Name, value, kept));
        });
        _listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> recorded with (at least) these tags.</summary>
    public long Sum(string instrument, params (string Name, object? Value)[] tags)
    {
        lock (_seen)
            return _seen.Where(s => s.Instrument == instrument && tags.All(t => s.Tags.TryGetValue(t.Name, out var v) && Equals(v, t.Value)))
                .Sum(s => s.Value);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>The rollout services with the host's meters made by an <see cref="IMeterFactory"/>, as in the app.</summary>
public abstract class MeteredRolloutHost(Provider provider) : ClockedServiceHost(provider)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddMetrics();
    }

    public sealed class Sqlite() : MeteredRolloutHost(Provider.Sqlite);

    public sealed class Postgres() : MeteredRolloutHost(Provider.Postgres);
}

/// <summary>The webhook services with the host's meters made by an <see cref="IMeterFactory"/>, as in the app.</summary>
public abstract class MeteredWebhookHost(Provider provider) : WebhookServiceHost(provider)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddMetrics();
    }

    public sealed class Sqlite() : MeteredWebhookHost(Provider.Sqlite);

    public sealed class Postgres() : MeteredWebhookHost(Provider.Postgres);
}

public sealed class RolloutMetersTestsOnSqlite(MeteredRolloutHost.Sqlite host) : RolloutMetersTests(host), IClassFixture<MeteredRolloutHost.Sqlite>;

public sealed class RolloutMetersTestsOnPostgres(MeteredRolloutHost.Postgres host) : RolloutMetersTests(host), IClassFixture<MeteredRolloutHost.Postgres>;

public sealed class WebhookMetersTestsOnSqlite(MeteredWebhookHost.Sqlite host) : WebhookMetersTests(host), IClassFixture<MeteredWebhookHost.Sqlite>;

public sealed class WebhookMetersTestsOnPostgres(MeteredWebhookHost.Postgres host) : WebhookMetersTests(host), IClassFixture<MeteredWebhookHost.Postgres>;
