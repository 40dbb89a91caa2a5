using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// Webhooks over REST with the app's own dispatcher running: register (the secret shown once), read, replace, delete,
/// the problems of bad input, a write reaching a receiver on 127.0.0.1, the test event, the delivery log, send again.
/// </summary>
[Trait("Category", "Database")]
public abstract class WebhookApiTests(ApiHost host) : IAsyncLifetime
{
    private readonly HttpClient _client = host.Client;
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<(string App, string Key)> AppAsync()
    {
        var app = A.Name();
        await (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        var key = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Timeout", Core.Configs.ConfigValueType.Integer, "30"))).JsonAsync();
        return (app, key.GetProperty("id").GetString()!);
    }

    private async Task<JsonElement> RegisterAsync(object body)
    {
        var response = await _client.PostJsonAsync("/v1/webhooks", body);
        await response.EnsureSuccessStatusCodeAsync();
        return await response.JsonAsync();
    }

    private async Task<JsonElement> LogAsync(string id) => (await (await _client.GetAsync($"/v1/webhooks/{id}/deliveries")).JsonAsync()).GetProperty("items");

    [Fact]
    public async Task Register_ShowsTheSecretOnce_AndNeverAgain()
    {
        var (app, _) = await AppAsync();

        var response = await _client.PostJsonAsync("/v1/webhooks", new
        {
            url = _receiver.Url, events = new[] { "config.changed", "change_request.*" }, applications = new[] { app }, description = "Chat",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var created = await response.JsonAsync();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
        Assert.Equal(response.Headers.Location!.OriginalString, $"/v1/webhooks/{created.GetProperty("id").GetString()}");
        var read = await _client.GetStringAsync(response.Headers.Location);
        var list = await _client.GetStringAsync("/v1/webhooks?pageSize=500");
        var audit = await _client.GetStringAsync("/v1/audit?entityType=webhook&pageSize=500");
        foreach (var text in new[] { read, list, audit }) Assert.DoesNotContain(secret[6..], text);
        var shown = JsonDocument.Parse(read).RootElement;
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("secret").ValueKind);
        Assert.Equal([app], shown.GetProperty("applications").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["config.changed", "change_request.*"], shown.GetProperty("events").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(created.GetProperty("id").GetString()!, audit);
    }

    [Fact]
    public async Task AWrite_ReachesTheReceiver_Signed_AndTheLogShowsTheAttempt()
    {
        var (app, key) = await AppAsync();
        var webhook = await RegisterAsync(new { url = _receiver.Url, events = new[] { "config.changed" }, applications = new[] { app } });

        await (await _client.PutJsonAsync($"/v1/configs/{key}/overrides/production", new { value = "60" })).EnsureSuccessStatusCodeAsync();

        var received = Assert.Single(await _receiver.WaitForCountAsync(1));
        Assert.True(received.IsSignedWith(webhook.GetProperty("secret").GetString()!));
        Assert.InRange(long.Parse(received.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("com.configadmin.config.changed", received.CloudEvent.Type);
        Assert.Equal("key:bootstrap", received.Data.GetProperty("actor").GetString());
        var log = await Eventually.Async(() => LogAsync(webhook.GetProperty("id").GetString()!), l => l.GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        var attempt = log[0];
        Assert.Equal((1, 200, "config.changed", "delivered"), (attempt.GetProperty("attempt").GetInt32(), attempt.GetProperty("status").GetInt32(),
            attempt.GetProperty("event").GetString(), attempt.GetProperty("state").GetString()));
        Assert.Equal(received.Id, attempt.GetProperty("eventId").GetString());
        Assert.Equal("received " + received.Id, attempt.GetProperty("response").GetString());
        Assert.True(attempt.GetProperty("durationMs").GetInt32() >= 0);
    }

    [Fact]
    public async Task TheTestEvent_GoesWhateverTheFilter_WithTheOwnSecretGiven()
    {
        var secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var webhook = await RegisterAsync(new { url = _receiver.Url, events = new[] { "rollout.*" }, applications = new[] { "*" }, secret });
        Assert.Equal(secret, webhook.GetProperty("secret").GetString());

        var response = await _client.PostAsync($"/v1/webhooks/{webhook.GetProperty("id").GetString()}/test", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = Assert.Single(await _receiver.WaitForCountAsync(1));
        Assert.Equal("com.configadmin.webhook.test", received.CloudEvent.Type);
        Assert.True(received.IsSignedWith(secret));
    }

    [Fact]
    public async Task SendAgain_TriesAPendingDeliveryNow_AndQueuesADeliveredOneAnew_WithTheSameWebhookId()
    {
        var webhook = await RegisterAsync(new { url = _receiver.Url, events = new[] { "*" }, applications = new[] { "*" } });
        var id = webhook.GetProperty("id").GetString()!;
        var up = false;
        _receiver.Respond = (_, _) => Task.FromResult(up ? 200 : 503);
        var test = await (await _client.PostAsync($"/v1/webhooks/{id}/test", null)).JsonAsync();
        var delivery = test.GetProperty("id").GetInt64();
        var failed = await Eventually.Async(() => LogAsync(id), l => l.GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(("pending", 503), (failed[0].GetProperty("state").GetString(), failed[0].GetProperty("status").GetInt32()));

        up = true;
        await (await _client.PostAsync($"/v1/webhooks/{id}/deliveries/{delivery}/resend", null)).EnsureSuccessStatusCodeAsync();
        var retried = await Eventually.Async(() => LogAsync(id), l => l.GetArrayLength() == 2, TimeSpan.FromSeconds(4));
        Assert.Equal((2, "delivered"), (retried[0].GetProperty("attempt").GetInt32(), retried[0].GetProperty("state").GetString()));

        var again = await (await _client.PostAsync($"/v1/webhooks/{id}/deliveries/{delivery}/resend", null)).JsonAsync();
        Assert.NotEqual(delivery, again.GetProperty("id").GetInt64());
        var received = await _receiver.WaitForCountAsync(3);
        Assert.Single(received.Select(r => r.Id).Distinct());
        await (await _client.PostAsync($"/v1/webhooks/{id}/deliveries/999999/resend", null)).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Replace_KeepsTheSecretUnlessGiven_RefusesAStaleVersion_AndDeleteRemovesItsLog()
    {
        var (app, _) = await AppAsync();
        var webhook = await RegisterAsync(new { url = _receiver.Url, events = new[] { "config.changed" }, applications = new[] { "*" } });
        var id = webhook.GetProperty("id").GetString()!;
        var url = $"/v1/webhooks/{id}";

        var replaced = await _client.PutJsonAsync(url, new { url = _receiver.Url + "/v2", events = new[] { "secret.revealed" }, applications = new[] { app } });
        await replaced.EnsureSuccessStatusCodeAsync();
        var body = await replaced.JsonAsync();
        Assert.Equal((2, JsonValueKind.Null), (body.GetProperty("version").GetInt64(), body.GetProperty("secret").ValueKind));
        Assert.Equal("\"2\"", replaced.Headers.ETag?.Tag);
        await (await _client.SendJsonAsync(HttpMethod.Put, url, new { url = _receiver.Url, events = new[] { "*" }, applications = new[] { "*" } }, "\"1\""))
            .AssertProblemAsync(412, "stale_version");
        await (await _client.PostAsync($"{url}/test", null)).EnsureSuccessStatusCodeAsync();
        var received = Assert.Single(await _receiver.WaitForCountAsync(1));
        Assert.Equal("/hook/v2", received.Path);
        Assert.True(received.IsSignedWith(webhook.GetProperty("secret").GetString()!));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync(url)).StatusCode);
        await (await _client.GetAsync(url)).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync($"{url}/deliveries")).AssertProblemAsync(404, "not_found");
        await (await _client.PostAsync($"{url}/test", null)).AssertProblemAsync(404, "not_found");
        await (await _client.DeleteAsync(url)).AssertProblemAsync(404, "not_found");
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"url":"/relative/hook","events":["config.changed"],"applications":["*"]}""", "url" },
        { """{"url":"ftp://hooks.example.com/x","events":["config.changed"],"applications":["*"]}""", "url" },
        { """{"url":"not a url","events":["config.changed"],"applications":["*"]}""", "url" },
        { """{"url":"https://user:pass@hooks.example.com/x","events":["config.changed"],"applications":["*"]}""", "url" },
        { """{"events":["config.changed"],"applications":["*"]}""", "url" },
        { """{"url":"https://hooks.example.com/x","events":["config.deleted"],"applications":["*"]}""", "events[0]" },
        { """{"url":"https://hooks.example.com/x","events":[],"applications":["*"]}""", "events" },
        { """{"url":"https://hooks.example.com/x","events":["config.changed"],"applications":["*","billing"]}""", "applications" },
        { """{"url":"https://hooks.example.com/x","events":["config.changed"],"applications":["no-such-app-7f3a"]}""", "applications" },
        { """{"url":"https://hooks.example.com/x","events":["config.changed"],"applications":["*"],"secret":"whsec_c2hvcnQ="}""", "secret" },
        { """{"url":"https://hooks.example.com/x","events":["config.changed"],"applications":["*"],"secret":"plain-text"}""", "secret" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_Is400ValidationFailed_NamingTheField(string body, string field)
    {
        var problem = await (await _client.SendRawAsync(HttpMethod.Post, "/v1/webhooks", body)).AssertProblemAsync(400, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

public sealed class WebhookApiTestsOnSqlite(SqliteApiHost host) : WebhookApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class WebhookApiTestsOnPostgres(PostgresApiHost host) : WebhookApiTests(host), IClassFixture<PostgresApiHost>;
