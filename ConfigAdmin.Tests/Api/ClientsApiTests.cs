using ConfigAdmin.Core.Clients;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Api;

/// <summary>Which instance runs which version: noted from each poll's ConfigAdmin-Client header, kept across restarts.</summary>
[Trait("Category", "Database")]
public abstract class ClientsApiTests(ApiHost host)
{
    [Fact]
    public async Task Instances_AreListedWithHostVersionAppliedETag_AndWhoIsBehind()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var id = (await (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Mode", defaultValue: "one"))).JsonAsync()).GetProperty("id").GetString();
        var url = $"/v1/applications/{app}/config?environment=production";
        var client = await host.ClientForKeyAsync("client", [app]);
        var first = (await client.GetAsync(url)).Headers.ETag!.Tag;
        await PollAsync(client, url, "checkout-1; host=web-01; version=1.2.0", first);
        (await host.Client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "two" })).EnsureSuccessStatusCode();
        var second = (await client.GetAsync(url)).Headers.ETag!.Tag;
        await PollAsync(client, url, "checkout-2; host=web-02; version=1.3.0", second);
        await PollAsync(client, url, "broken; =; host", second); // a malformed header is skipped, never an error

        var listed = await (await host.Client.GetAsync($"/v1/applications/{app}/clients?environment=production")).JsonAsync();

        var items = listed.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("instanceId").GetString()!);
        Assert.Equal(["broken", "checkout-1", "checkout-2"], items.Keys.Order());
        Assert.Equal(("web-01", "1.2.0", first, false), Describe(items["checkout-1"]));
        Assert.Equal(("web-02", "1.3.0", second, true), Describe(items["checkout-2"]));
        Assert.Equal("production", items["checkout-2"].GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Instances_AreStoredByTheFlush_SoEveryNodeAndARestartSeeThem()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config?environment=staging";
        var etag = (await host.Client.GetAsync(url)).Headers.ETag!.Tag;
        await PollAsync(host.Client, url, "stored-1; host=h", etag);

        await host.Factory.Services.GetRequiredService<ClientRegistry>().FlushAsync(default);

        await using var db = await host.Database.OpenRawAsync();
        Assert.Equal("h", await db.ScalarAsync<string>("SELECT \"Host\" FROM client_instances WHERE \"InstanceId\" = 'stored-1'"));
        var listed = await (await host.Client.GetAsync($"/v1/applications/{app}/clients")).JsonAsync();
        Assert.Equal("stored-1", listed.GetProperty("items")[0].GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task Viewer_SeesWhoIsBehind_ButNotTheETagAnInstanceApplied()
    {
        // The ETag of the clear document is a hash of it: a viewer could test guesses of a short secret against it.
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Door:Pin", defaultValue: "4711", secret: true))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config?environment=production";
        var client = await host.ClientForKeyAsync("client", [app]);
        await PollAsync(client, url, "door-1; host=d", (await client.GetAsync(url)).Headers.ETag!.Tag);
        var viewer = await host.ClientForKeyAsync("viewer", [app]);

        var seenByViewer = (await (await viewer.GetAsync($"/v1/applications/{app}/clients")).JsonAsync()).GetProperty("items")[0];
        var seenByEditor = (await (await (await host.ClientForKeyAsync("editor", [app])).GetAsync($"/v1/applications/{app}/clients")).JsonAsync())
            .GetProperty("items")[0];

        Assert.Equal(System.Text.Json.JsonValueKind.Null, seenByViewer.GetProperty("appliedETag").ValueKind);
        Assert.True(seenByViewer.GetProperty("current").GetBoolean());
        Assert.StartsWith("\"", seenByEditor.GetProperty("appliedETag").GetString());
    }

    [Fact]
    public async Task Instances_AreListedAPageAtATime_NewestFirst()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config?environment=production";
        var etag = (await host.Client.GetAsync(url)).Headers.ETag!.Tag;
        for (var i = 1; i <= 5; i++) await PollAsync(host.Client, url, $"fleet-{i}", etag);

        var page = await (await host.Client.GetAsync($"/v1/applications/{app}/clients?environment=production&page=2&pageSize=2")).JsonAsync();

        Assert.Equal((5, 2, 2), (page.GetProperty("totalCount").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        await (await host.Client.GetAsync($"/v1/applications/{app}/clients?pageSize=501")).AssertProblemAsync(400, "validation_failed");
    }

    private static async Task PollAsync(HttpClient client, string url, string header, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", header);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);
    }

    private static (string?, string?, string?, bool) Describe(System.Text.Json.JsonElement item) =>
        (item.GetProperty("host").GetString(), item.GetProperty("version").GetString(), item.GetProperty("appliedETag").GetString(),
            item.GetProperty("current").GetBoolean());
}

public sealed class ClientsApiTestsOnSqlite(SqliteApiHost host) : ClientsApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class ClientsApiTestsOnPostgres(PostgresApiHost host) : ClientsApiTests(host), IClassFixture<PostgresApiHost>;
