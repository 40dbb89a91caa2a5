using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Flags;

/// <summary>Feature flags over REST (design §13): the routes, the client read's reserved key, validation and ETags.</summary>
[Trait("Category", "Database")]
public abstract class FeatureFlagsApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Put_CreatesThenReplaces_InTheLibrarySpelling_WithETagAndIfMatch()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var url = $"/v1/applications/{app}/feature-flags/Beta?environment=staging";

        var created = await _client.PutJsonAsync(url, new { Enabled = true, conditions = new { client_filters = new[] { new { name = "percentage", parameters = new { value = 40 } } } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/applications/{app}/feature-flags/Beta?environment=staging", created.Headers.Location!.OriginalString);
        var etag = created.Headers.ETag!.Tag;
        Assert.Equal("""{"id":"Beta","enabled":true,"conditions":{"client_filters":[{"name":"Microsoft.Percentage","parameters":{"Value":40}}]}}""",
            await created.Content.ReadAsStringAsync());
        var read = await _client.GetAsync(url);
        Assert.Equal(etag, read.Headers.ETag!.Tag);
        Assert.False((await read.JsonAsync()).GetProperty("conditions").ValueKind == JsonValueKind.Undefined);

        var replaced = await _client.SendJsonAsync(HttpMethod.Put, url, new { id = "beta", enabled = false }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.NotEqual(etag, replaced.Headers.ETag!.Tag);
        await (await _client.SendJsonAsync(HttpMethod.Put, url, new { enabled = true }, ifMatch: etag)).AssertProblemAsync(412, "stale_version");
        await (await _client.SendJsonAsync(HttpMethod.Put, $"/v1/applications/{app}/feature-flags/New?environment=staging", new { enabled = true }, ifMatch: "\"3\""))
            .AssertProblemAsync(412, "stale_version");
        Assert.Equal("""{"id":"Beta","enabled":false}""", await _client.GetStringAsync(url));

        // Ids ignore case: "BETA" is the same flag, kept in its first spelling.
        var production = await _client.PutJsonAsync($"/v1/applications/{app}/feature-flags/BETA?environment=production", new { enabled = true });
        Assert.Equal(HttpStatusCode.Created, production.StatusCode);
        var overview = await (await _client.GetAsync($"/v1/applications/{app}/feature-flags")).JsonAsync();
        var only = Assert.Single(overview.GetProperty("items").EnumerateArray());
        Assert.Equal("Beta", only.GetProperty("id").GetString());
        Assert.Equal(["production", "staging"], only.GetProperty("environments").EnumerateObject().Select(p => p.Name).Order());
        var list = await (await _client.GetAsync($"/v1/applications/{app}/feature-flags?environment=production")).JsonAsync();
        Assert.Equal("Beta", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ClientRead_CarriesTheEnvironmentsFlagsUnderFeatureManagement_OrderedById_AndNothingWhereNoneIsDefined()
    {
        var app = await FlagScene.NewAppAsync(_client);
        await FlagScene.OkAsync(_client.PostJsonAsync("/v1/configs", A.Config(app, "Zoo", defaultValue: "z")));
        foreach (var id in new[] { "zeta", "Alpha", "beta" })
            await FlagScene.OkAsync(_client.PutJsonAsync($"/v1/applications/{app}/feature-flags/{id}?environment=staging", new { enabled = id != "zeta" }));

        var staging = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=staging")).JsonAsync();
        var production = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=production")).JsonAsync();

        // Keys in ordinal order: upper case first.
        Assert.Equal(["Zoo", "feature_management"], staging.EnumerateObject().Select(p => p.Name));
        var flags = staging.GetProperty("feature_management").GetProperty("feature_flags").EnumerateArray().ToList();
        Assert.Equal(["Alpha", "beta", "zeta"], flags.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal([true, true, false], flags.Select(f => f.GetProperty("enabled").GetBoolean()));
        Assert.Equal(["Zoo"], production.EnumerateObject().Select(p => p.Name));
        var explained = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=staging&explain=true")).JsonAsync();
        Assert.Equal("staging", explained.GetProperty("feature_management").GetProperty("source").GetString());
    }

    [Fact]
    public async Task AnInvalidFlag_Is400InvalidFlag_WithEveryFaultsPointer_AndStoresNothing()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var url = $"/v1/applications/{app}/feature-flags/beta?environment=staging";

        var problem = await (await _client.SendRawAsync(HttpMethod.Put, url, """
            {"enabled":"yes","conditions":{"client_filters":[{"name":"Microsoft.Targeting","parameters":{"Audience":{"DefaultRolloutPercentage":120}}}]},
             "variants":[{"name":"a"}],"allocation":{"default_when_enabled":"b"}}
            """)).AssertProblemAsync(400, "invalid_flag");

        var violations = problem.GetProperty("violations").EnumerateArray().ToList();
        Assert.Equal(["/enabled", "/conditions/client_filters/0/parameters/Audience/DefaultRolloutPercentage", "/allocation/default_when_enabled"],
            violations.Select(v => v.GetProperty("pointer").GetString()));
        Assert.All(violations, v => Assert.Equal("beta", v.GetProperty("key").GetString()));
        Assert.All(violations, v => Assert.Equal("staging", v.GetProperty("environment").GetString()));
        await (await _client.GetAsync(url)).AssertProblemAsync(404, "not_found");
        await (await _client.PutJsonAsync(url, new { id = "other", enabled = true })).AssertProblemAsync(400, "invalid_flag");
        await (await _client.PutJsonAsync($"/v1/applications/{app}/feature-flags/a:b?environment=staging", new { enabled = true }))
            .AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("\"on\"")]
    [InlineData("{")]
    [InlineData("{\"enabled\":true,\"conditions\":[]}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":{}}}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":[null,1,\"x\",{}]}}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":[{\"name\":\"Percentage\",\"parameters\":[]}]}}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":[{\"name\":\"TimeWindow\",\"parameters\":{\"Start\":1,\"Recurrence\":5}}]}}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":[{\"name\":\"TimeWindow\",\"parameters\":{\"Start\":\"2028-01-01\",\"End\":\"2028-02-01\",\"Recurrence\":{\"Pattern\":{\"Type\":\"Weekly\",\"DaysOfWeek\":[7]},\"Range\":{\"Type\":\"Numbered\"}}}}]}}")]
    [InlineData("{\"enabled\":true,\"conditions\":{\"client_filters\":[{\"name\":\"Targeting\",\"parameters\":{\"Audience\":{\"Groups\":[null,{\"Name\":1}],\"DefaultRolloutPercentage\":\"1e400\"}}}]}}")]
    [InlineData("{\"enabled\":true,\"variants\":{},\"allocation\":[]}")]
    [InlineData("{\"enabled\":true,\"variants\":[null],\"allocation\":{\"percentile\":[{\"from\":\"x\"},null],\"user\":[{}],\"group\":5}}")]
    [InlineData("{\"enabled\":true,\"telemetry\":{\"metadata\":[]}}")]
    [InlineData("{\"enabled\":true,\"Enabled\":false}")]
    [InlineData("{\"id\":null,\"enabled\":true}")]
    public async Task AnyBodyShape_GetsAProblemWithACode_NeverA500(string body)
    {
        var app = await FlagScene.NewAppAsync(_client);

        var response = await _client.SendRawAsync(HttpMethod.Put, $"/v1/applications/{app}/feature-flags/fuzz?environment=staging", body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Delete_RemovesOneEnvironmentsDefinition_TheLastOneTakesTheFlag_AndWithoutEnvironmentTheWholeFlag()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var flag = $"/v1/applications/{app}/feature-flags/beta";
        await FlagScene.OkAsync(_client.PutJsonAsync($"{flag}?environment=staging", new { enabled = true }));
        await FlagScene.OkAsync(_client.PutJsonAsync($"{flag}?environment=production", new { enabled = true }));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{flag}?environment=staging")).StatusCode);
        await (await _client.GetAsync($"{flag}?environment=staging")).AssertProblemAsync(404, "not_found");
        await (await _client.DeleteAsync($"{flag}?environment=staging")).AssertProblemAsync(404, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"{flag}?environment=production")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{flag}?environment=production")).StatusCode);
        Assert.Empty((await (await _client.GetAsync($"/v1/applications/{app}/feature-flags")).JsonAsync()).GetProperty("items").EnumerateArray());

        await FlagScene.OkAsync(_client.PutJsonAsync($"{flag}?environment=staging", new { enabled = true }));
        await FlagScene.OkAsync(_client.PutJsonAsync($"{flag}?environment=production", new { enabled = true }));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync(flag)).StatusCode);
        Assert.DoesNotContain("feature_management", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
        await (await _client.DeleteAsync(flag)).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task UnknownApplicationEnvironmentOrMissingEnvironment_AreProblems()
    {
        var app = await FlagScene.NewAppAsync(_client);
        await (await _client.GetAsync("/v1/applications/nope-x/feature-flags?environment=staging")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync($"/v1/applications/{app}/feature-flags?environment=nowhere")).AssertProblemAsync(404, "not_found");
        await (await _client.PutJsonAsync($"/v1/applications/{app}/feature-flags/x?environment=nowhere", new { enabled = true })).AssertProblemAsync(404, "not_found");
        await (await _client.PutJsonAsync($"/v1/applications/{app}/feature-flags/x", new { enabled = true })).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync($"/v1/applications/{app}/feature-flags/x")).AssertProblemAsync(400, "validation_failed");
    }
}

public sealed class FeatureFlagsApiTestsOnSqlite(SqliteApiHost host) : FeatureFlagsApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class FeatureFlagsApiTestsOnPostgres(PostgresApiHost host) : FeatureFlagsApiTests(host), IClassFixture<PostgresApiHost>;

/// <summary>Small helpers of the flag tests.</summary>
public static class FlagScene
{
    public static async Task<string> NewAppAsync(HttpClient admin)
    {
        var app = A.Name("flags");
        await OkAsync(admin.PostJsonAsync("/v1/applications", A.Application(app)));
        return app;
    }

    public static async Task<HttpResponseMessage> OkAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        await response.EnsureSuccessStatusCodeAsync();
        return response;
    }
}
