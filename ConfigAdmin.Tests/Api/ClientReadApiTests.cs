using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class ClientReadApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Read_ReturnsTypedJsonInOrdinalKeyOrder()
    {
        var app = await AppWithEveryTypeAsync();

        var response = await _client.GetAsync($"/v1/applications/{app}/config?environment=production");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"Bool":true,"Int":-42,"Json":{"a":[1,2]},"Num":2.5,"Str":"prod","a.lower":"x"}""", text);
    }

    [Fact]
    public async Task Explain_GivesEachKeysValueAndSource()
    {
        var app = await AppWithEveryTypeAsync();

        var explained = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=production&explain=true")).JsonAsync();

        Assert.Equal("production", explained.GetProperty("Str").GetProperty("source").GetString());
        Assert.Equal("default", explained.GetProperty("Int").GetProperty("source").GetString());
        Assert.Equal(-42, explained.GetProperty("Int").GetProperty("value").GetInt64());
        Assert.Equal(JsonValueKind.Object, explained.GetProperty("Json").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task ETag_Cycle_304UntilTheContentChanges()
    {
        var app = await AppWithEveryTypeAsync();
        var url = $"/v1/applications/{app}/config?environment=production";
        var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        var notModified = await GetWithAsync(url, etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // A change elsewhere (staging) does not change production's content, so the ETag stays.
        var str = await FindConfigAsync(app, "Str");
        await _client.PutJsonAsync($"/v1/configs/{str}/overrides/staging", new { value = "stage" });
        Assert.Equal(HttpStatusCode.NotModified, (await GetWithAsync(url, etag.Tag)).StatusCode);

        await _client.PutJsonAsync($"/v1/configs/{str}/overrides/production", new { value = "prod-2" });
        var changed = await GetWithAsync(url, etag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag.Tag, changed.Headers.ETag!.Tag);
        Assert.Equal("prod-2", (await changed.JsonAsync()).GetProperty("Str").GetString());
    }

    [Fact]
    public async Task Read_UnknownApplicationOrEnvironment_Is404_MissingEnvironment_Is400()
    {
        var app = await AppWithEveryTypeAsync();

        await (await _client.GetAsync("/v1/applications/nope/config?environment=production")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync($"/v1/applications/{app}/config?environment=mars")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync($"/v1/applications/{app}/config")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync($"/v1/applications/{app}/config?environment=production&explain=maybe")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Read_ApplicationNameIgnoresCase()
    {
        var app = await AppWithEveryTypeAsync();

        var response = await _client.GetAsync($"/v1/applications/{app.ToUpperInvariant()}/config?environment=production");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetWithAsync(string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await _client.SendAsync(request);
    }

    private async Task<string> FindConfigAsync(string app, string key)
    {
        var list = await (await _client.GetAsync($"/v1/configs?application={app}&search={key}")).JsonAsync();
        return list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("key").GetString() == key).GetProperty("id").GetString()!;
    }

    private async Task<string> AppWithEveryTypeAsync()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        async Task Add(ConfigCreateInput input) => (await _client.PostJsonAsync("/v1/configs", input)).EnsureSuccessStatusCode();
        await Add(A.Config(app, "a.lower", defaultValue: "x"));
        await Add(A.Config(app, "Str", defaultValue: "dflt", overrides: new() { ["production"] = "prod" }));
        await Add(A.Config(app, "Int", ConfigValueType.Integer, "-42"));
        await Add(A.Config(app, "Num", ConfigValueType.Number, "1.5", new() { ["production"] = "2.5" }));
        await Add(A.Config(app, "Bool", ConfigValueType.Boolean, "false", new() { ["production"] = "true" }));
        await Add(A.Config(app, "Json", ConfigValueType.Json, "{\"a\": [1, 2]}"));
        await Add(A.Config(app, "NoDefault", defaultValue: null, overrides: new() { ["staging"] = "only-staging" }));
        return app;
    }
}

public sealed class ClientReadApiTestsOnSqlite(SqliteApiHost host) : ClientReadApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class ClientReadApiTestsOnPostgres(PostgresApiHost host) : ClientReadApiTests(host), IClassFixture<PostgresApiHost>;
