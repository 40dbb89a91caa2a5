using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// The SSRF guard with <c>Webhooks:AllowPrivateTargets</c> off, as in production: internal targets are refused when
/// registered; a name that resolves to an internal address (the test's resolver answers) is not contacted at delivery.
/// Nothing here sends a request beyond 127.0.0.1.
/// </summary>
[Trait("Category", "Database")]
public abstract class WebhookTargetTests(WebhookTargetTests.Host host)
{
    public abstract class Host(Provider provider) : ApiHost(provider)
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Webhooks:AllowPrivateTargets", "false");
    }

    public sealed class SqliteHost() : Host(Provider.Sqlite);

    public sealed class PostgresHost() : Host(Provider.Postgres);

    private readonly HttpClient _client = host.Client;

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.9.8.7:8080/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.20.1.1/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[::ffff:10.1.2.3]/hook")]
    public async Task AnInternalTarget_IsRefusedWhenRegisteredOrReplaced(string url)
    {
        var body = new { url, events = new[] { "config.changed" }, applications = new[] { "*" } };

        var problem = await (await _client.PostJsonAsync("/v1/webhooks", body)).AssertProblemAsync(400, "webhook_target_forbidden");

        Assert.Contains("Webhooks:AllowPrivateTargets", problem.GetProperty("detail").GetString());
        var list = await (await _client.GetAsync("/v1/webhooks")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("url").GetString() == url);
    }

    [Fact]
    public async Task APublicTarget_IsRegistered_AndAnInternalOneCannotReplaceIt()
    {
        // Subscribed to nothing that happens here: nothing is ever sent to it.
        var body = new { url = "https://hooks.example.com/configadmin", events = new[] { "rollout.*" }, applications = new[] { "*" } };
        var created = await _client.PostJsonAsync("/v1/webhooks", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        await (await _client.PutJsonAsync(url, body with { url = "http://192.168.0.1/hook" })).AssertProblemAsync(400, "webhook_target_forbidden");
        await (await _client.PostJsonAsync("/v1/webhooks", body with { url = "http://203.0.113.10/hook" })).EnsureSuccessStatusCodeAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ANameThatResolvesToAnInternalAddress_IsNotContactedAtDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var name = $"{A.Name("rebind")}.example.test";
        host.Resolver.Map(name, IPAddress.Loopback);
        var created = await (await _client.PostJsonAsync("/v1/webhooks",
            new { url = $"http://{name}:{receiver.Port}/hook", events = new[] { "rollout.*" }, applications = new[] { "*" } })).JsonAsync();
        var id = created.GetProperty("id").GetString()!;

        await (await _client.PostAsync($"/v1/webhooks/{id}/test", null)).EnsureSuccessStatusCodeAsync();

        var log = await Eventually.Async(async () => (await (await _client.GetAsync($"/v1/webhooks/{id}/deliveries")).JsonAsync()).GetProperty("items"),
            l => l.GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, log[0].GetProperty("status").ValueKind);
        Assert.Equal($"'{name}' resolves to 127.0.0.1, an internal address: not contacted (Webhooks:AllowPrivateTargets is off).",
            log[0].GetProperty("error").GetString());
        Assert.Equal("pending", log[0].GetProperty("state").GetString());
        Assert.Empty(receiver.Requests);
        await _client.DeleteAsync($"/v1/webhooks/{id}");
    }
}

public sealed class WebhookTargetTestsOnSqlite(WebhookTargetTests.SqliteHost host) : WebhookTargetTests(host), IClassFixture<WebhookTargetTests.SqliteHost>;

public sealed class WebhookTargetTestsOnPostgres(WebhookTargetTests.PostgresHost host) : WebhookTargetTests(host), IClassFixture<WebhookTargetTests.PostgresHost>;
