using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Data.Outbox;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// Deliveries against a receiver on 127.0.0.1, the clock in the test's hand: signed CloudEvents, retries from the row
/// on the documented schedule, a failing event holding back the later ones, the day after which a delivery fails, the
/// timeout of a receiver that hangs, and leases that let exactly one claim win.
/// </summary>
[Trait("Category", "Database")]
public abstract class WebhookDeliveryTests(WebhookServiceHost host) : IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await host.DeleteWebhooksAsync();
        await _receiver.DisposeAsync();
    }

    private Task SetAsync(Guid key, string environment, string value) =>
        host.WithServiceAsync(s => s.GetRequiredService<ConfigService>().SetOverrideAsync(key, environment, value, null));

    [Fact]
    public async Task AChange_ArrivesAsASignedCloudEvent_WithItsDocumentChangesAndRevision_SecretsMasked()
    {
        var (app, timeout, password) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);

        await SetAsync(timeout, "production", "45");
        await SetAsync(password, "production", "correct horse");
        Assert.Equal(2, await host.DeliverDueAsync());

        var received = _receiver.Requests;
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(r.IsSignedWith(webhook.Secret!), "signature"));
        Assert.All(received, r => Assert.Equal("application/cloudevents+json; charset=utf-8", r.ContentType));
        var first = received[0].CloudEvent;
        Assert.Equal("com.configadmin.config.changed", first.Type);
        Assert.Equal(received[0].Id, first.Id);
        Assert.Equal($"/applications/{app}", first.Source!.OriginalString);
        var data = received[0].Data;
        Assert.Equal(app, data.GetProperty("application").GetString());
        Assert.Equal(["production"], data.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("tester@example.com", data.GetProperty("actor").GetString());
        var change = Assert.Single(data.GetProperty("changes").EnumerateArray());
        Assert.Equal(("Timeout", "production", "30", "45"), (change.GetProperty("key").GetString(), change.GetProperty("environment").GetString(),
            change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
        var secret = Assert.Single(received[1].Data.GetProperty("changes").EnumerateArray());
        Assert.Equal((SecretMask.Text, SecretMask.Text), (secret.GetProperty("from").GetString(), secret.GetProperty("to").GetString()));
        Assert.DoesNotContain("correct horse", received[1].Body);
        Assert.DoesNotContain("hunter2", received[1].Body);
        var revisions = received.Select(r => r.Data.GetProperty("revision").GetInt64()).ToList();
        Assert.True(revisions[0] > 0 && revisions[1] > revisions[0], string.Join(",", revisions));
    }

    [Fact]
    public async Task TheSecret_IsStoredSealedLikeSecretValues_AndNeverInClear()
    {
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.All], ["*"]);

        await using var db = await host.RawContextAsync();
        var stored = await db.Webhooks.AsNoTracking().Where(w => w.Id == webhook.Id).Select(w => w.Secret).SingleAsync();
        Assert.StartsWith(SecretValues.Prefix, stored);
        Assert.DoesNotContain(webhook.Secret![WebhookSignature.SecretPrefix.Length..], stored);
        Assert.Equal(webhook.Secret, host.Services.GetRequiredService<SecretValues>().Open(true, stored));
    }

    [Fact]
    public async Task AFailingReceiver_IsRetriedAfter5sAnd30sThenDoubling_SameIdNewTimestampEachTime()
    {
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        var failures = 5;
        _receiver.Respond = (_, _) => Task.FromResult(Interlocked.Decrement(ref failures) >= 0 ? 503 : 202);
        await SetAsync(timeout, "staging", "31");

        var waits = new List<TimeSpan>();
        Assert.Equal(1, await host.DeliverDueAsync());
        for (var attempt = 2; attempt <= 6; attempt++)
        {
            var next = (await host.DeliveriesAsync(webhook.Id)).Single().NextAttemptAt;
            var wait = next - host.Time.GetUtcNow().UtcDateTime;
            waits.Add(wait);
            host.Time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await host.DeliverDueAsync());
            host.Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await host.DeliverDueAsync());
        }

        Assert.Equal([5, 30, 60, 120, 240], waits.Select(w => w.TotalSeconds));
        var delivery = (await host.DeliveriesAsync(webhook.Id)).Single();
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(6, delivery.Attempts);
        var requests = _receiver.Requests;
        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.Equal(6, requests.Select(r => r.Timestamp).Distinct().Count());
        Assert.All(requests, r => Assert.True(r.IsSignedWith(webhook.Secret!)));
        Assert.Single(requests.Select(r => r.Body).Distinct());
        var log = await host.AttemptsAsync(webhook.Id);
        Assert.Equal([1, 2, 3, 4, 5, 6], log.Select(a => a.Attempt));
        Assert.Equal([503, 503, 503, 503, 503, 202], log.Select(a => a.Status));
        Assert.StartsWith("received ", log[^1].Response);
    }

    [Fact]
    public async Task AFailingEvent_HoldsBackTheLaterOnesOfItsWebhook_ThenAllFollowInOrder()
    {
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        var other = await WebhookReceiver.StartAsync();
        await using var _ = other;
        var unaffected = await host.RegisterAsync(other.Url, [WebhookEvents.ConfigChanged], [app]);
        var down = true;
        _receiver.Respond = (_, _) => Task.FromResult(down ? 500 : 200);
        foreach (var value in new[] { "1", "2", "3" }) await SetAsync(timeout, "development", value);

        await host.DeliverDueAsync();
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await host.DeliverDueAsync();
        Assert.Equal(2, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(r => r.Id).Distinct());
        Assert.Equal(3, other.Requests.Count); // another webhook's queue is its own

        down = false;
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.DeliverDueAsync();

        var values = _receiver.Requests.Select(r => r.Data.GetProperty("changes")[0].GetProperty("to").GetString()).ToList();
        Assert.Equal(["1", "1", "1", "2", "3"], values);
        Assert.Equal(["1", "2", "3"], other.Requests.Select(r => r.Data.GetProperty("changes")[0].GetProperty("to").GetString()));
        Assert.All(await host.DeliveriesAsync(webhook.Id), d => Assert.Equal(DeliveryState.Delivered, d.State));
        Assert.All(await host.DeliveriesAsync(unaffected.Id), d => Assert.Equal(DeliveryState.Delivered, d.State));
    }

    [Fact]
    public async Task ADeliveryStillFailingADayLater_IsMarkedFailed_AndTheNextEventGoes()
    {
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        _receiver.Respond = (r, _) => Task.FromResult(r.Data.GetProperty("changes")[0].GetProperty("to").GetString() == "666" ? 500 : 200);
        var start = host.Time.GetUtcNow().UtcDateTime;
        await SetAsync(timeout, "development", "666");
        await SetAsync(timeout, "development", "7");

        while ((await host.DeliveriesAsync(webhook.Id))[0].State == DeliveryState.Pending)
        {
            await host.DeliverDueAsync();
            var first = (await host.DeliveriesAsync(webhook.Id))[0];
            if (first.State == DeliveryState.Pending) host.Time.SetUtcNow(new DateTimeOffset(first.NextAttemptAt, TimeSpan.Zero));
        }

        var deliveries = await host.DeliveriesAsync(webhook.Id);
        Assert.Equal(DeliveryState.Failed, deliveries[0].State);
        var log = await host.AttemptsAsync(webhook.Id);
        var doomed = log.Where(a => a.DeliveryId == deliveries[0].Id).ToList();
        Assert.True(doomed[^1].At <= start + RetrySchedule.Window, $"{doomed[^1].At:O}");
        Assert.True(doomed[^1].At + RetrySchedule.Longest > start + RetrySchedule.Window, "retried until the day was over");
        Assert.All(doomed.Zip(doomed.Skip(1)), p => Assert.True(p.Second.At - p.First.At <= RetrySchedule.Longest));
        Assert.Equal(DeliveryState.Delivered, deliveries[1].State);
        Assert.Equal("7", _receiver.Requests[^1].Data.GetProperty("changes")[0].GetProperty("to").GetString());
    }

    [Fact]
    public async Task AReceiverThatHangs_FailsItsAttemptAtTheTimeout_WhileOtherWebhooksAreDelivered()
    {
        var (app, timeout, _) = await host.AppAsync();
        var hanging = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        _receiver.Respond = async (_, ct) =>
        {
            await new TaskCompletionSource().Task.WaitAsync(ct); // never answers: the sender gives up at its timeout
            return 200;
        };
        var other = await WebhookReceiver.StartAsync();
        await using var _ = other;
        await host.RegisterAsync(other.Url, [WebhookEvents.ConfigChanged], [app]);
        await SetAsync(timeout, "staging", "12");

        var claims = await host.Store.ClaimAsync(8, CancellationToken.None);
        Assert.Equal(2, claims.Count);
        var attempts = claims.Select(c => host.Dispatcher.AttemptAsync(c, CancellationToken.None)).ToList();
        await _receiver.WaitForCountAsync(1);
        await other.WaitForCountAsync(1);
        await Task.WhenAny(attempts[0], attempts[1]);
        Assert.Equal(1, attempts.Count(a => a.IsCompleted));

        host.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(attempts);

        var attempt = Assert.Single(await host.AttemptsAsync(hanging.Id));
        Assert.Null(attempt.Status);
        Assert.Equal("No answer within 10 s.", attempt.Error);
        var delivery = Assert.Single(await host.DeliveriesAsync(hanging.Id));
        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(host.Time.GetUtcNow().UtcDateTime.AddSeconds(5), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task ADeliveryIsClaimedByOneClaimAtATime_AndAfterItsLeaseRanOutTheLateClaimOnlyLogs()
    {
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await host.RegisterAsync(_receiver.Url, [WebhookEvents.ConfigChanged], [app]);
        await SetAsync(timeout, "staging", "13");

        var first = Assert.Single(await host.Store.ClaimAsync(8, CancellationToken.None));
        Assert.Empty(await host.Store.ClaimAsync(8, CancellationToken.None));
        host.Time.Advance(TimeSpan.FromSeconds(60)); // the first claimant went silent for its whole lease
        var second = Assert.Single(await host.Store.ClaimAsync(8, CancellationToken.None));
        Assert.Equal((first.DeliveryId, 2), (second.DeliveryId, second.Attempt));

        await host.Store.RecordAsync(first, new AttemptOutcome(true, 200, 1, "late", null), CancellationToken.None);
        Assert.Equal(DeliveryState.Pending, Assert.Single(await host.DeliveriesAsync(webhook.Id)).State);
        await host.Dispatcher.AttemptAsync(second, CancellationToken.None);

        Assert.Equal(DeliveryState.Delivered, Assert.Single(await host.DeliveriesAsync(webhook.Id)).State);
        Assert.Equal([1, 2], (await host.AttemptsAsync(webhook.Id)).Select(a => a.Attempt));
    }
}

public sealed class WebhookDeliveryTestsOnSqlite(SqliteWebhookHost host) : WebhookDeliveryTests(host), IClassFixture<SqliteWebhookHost>;

public sealed class WebhookDeliveryTestsOnPostgres(PostgresWebhookHost host) : WebhookDeliveryTests(host), IClassFixture<PostgresWebhookHost>;
