using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Flags;

/// <summary>
/// Flags are keys in every other respect (design §13): the reserved name on every path, protection and change requests,
/// audit, revisions, at=, restore, compare, promote, export/import and search.
/// </summary>
[Trait("Category", "Database")]
public abstract class FlagPathsTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Theory]
    [InlineData("feature_management")]
    [InlineData("Feature_Management:beta")]
    [InlineData("FeatureManagement")]
    [InlineData("featuremanagement:Beta:EnabledFor:0:Name")]
    public async Task AReservedKey_IsRefusedOnEveryPath(string key)
    {
        var app = await FlagScene.NewAppAsync(_client);
        var existing = (await (await FlagScene.OkAsync(_client.PostJsonAsync("/v1/configs", A.Config(app, "Plain", defaultValue: null, overrides: new() { ["staging"] = "p" })))).JsonAsync())
            .GetProperty("id").GetString();

        await (await _client.PostJsonAsync("/v1/configs", A.Config(app, key, defaultValue: "true"))).AssertProblemAsync(400, "validation_failed");
        await (await _client.PutJsonAsync($"/v1/configs/{existing}", new { key, valueType = "string" }))
            .AssertProblemAsync(400, "validation_failed");
        await (await _client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "sneak", operations = new[] { new { op = "createKey", key, valueType = "boolean", defaultValue = "true" } },
        })).AssertProblemAsync(400, "validation_failed");
        var env = $"{key.Replace(":", "__", StringComparison.Ordinal)}=true\n";
        await (await _client.SendRawAsync(HttpMethod.Post, $"/v1/applications/{app}/import?format=env&environment=staging", env, "text/plain"))
            .AssertProblemAsync(400, "validation_failed");
        var json = key.Split(':').Reverse().Aggregate("true", (inner, part) => $"{{\"{part}\":{inner}}}");
        await (await _client.SendRawAsync(HttpMethod.Post, $"/v1/applications/{app}/import?format=json", json))
            .AssertProblemAsync(400, "validation_failed");
        Assert.DoesNotContain(key.Split(':')[0], await _client.GetStringAsync($"/v1/applications/{app}/config?environment=staging"),
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFlagTypedKey_ByTheKeyRoutes_IsValidatedAsAFlag()
    {
        var app = await FlagScene.NewAppAsync(_client);

        await (await _client.PostJsonAsync("/v1/configs", new { application = app, key = "Beta", valueType = "flag", overrides = new Dictionary<string, string> { ["staging"] = "{\"id\":\"Beta\",\"enabled\":true}" } }))
            .AssertProblemAsync(400, "validation_failed");
        await (await _client.PostJsonAsync("/v1/configs", new { application = app, key = "feature_management:Beta", valueType = "flag", overrides = new Dictionary<string, string> { ["staging"] = "{\"id\":\"Beta\",\"enabled\":3}" } }))
            .AssertProblemAsync(400, "invalid_flag");
        await (await _client.PostJsonAsync("/v1/configs", new { application = app, key = "feature_management:Beta", valueType = "flag", defaultValue = "{\"id\":\"Beta\",\"enabled\":true}" }))
            .AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task InAProtectedEnvironment_AFlagWriteNeedsApproval_AndAChangeRequestSetsIt()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var env = await ProtectedEnvironmentAsync();
        var url = $"/v1/applications/{app}/feature-flags/beta?environment={env}";
        var reviewer = await host.ClientForKeyAsync("editor");

        var refused = await (await _client.PutJsonAsync(url, new { enabled = true })).AssertProblemAsync(409, "approval_required");
        Assert.Equal([env], refused.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        await (await _client.GetAsync(url)).AssertProblemAsync(404, "not_found");

        var filed = await FlagScene.OkAsync(_client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Beta on", operations = new object[] { new { op = "setFlag", key = "beta", environment = env, flag = new { enabled = true } } },
        }));
        var location = filed.Headers.Location!.OriginalString;
        var request = await filed.JsonAsync();
        Assert.Equal("feature_management:beta", request.GetProperty("diff").GetProperty(env).GetProperty("added")[0].GetProperty("key").GetString());
        await FlagScene.OkAsync(reviewer.PostJsonAsync($"{location}/approve", new { }));
        await FlagScene.OkAsync(_client.PostJsonAsync($"{location}/apply", new { }));

        Assert.Equal("""{"id":"beta","enabled":true}""", await _client.GetStringAsync(url));
        var document = await (await _client.GetAsync($"/v1/applications/{app}/config?environment={env}")).JsonAsync();
        Assert.True(document.GetProperty("feature_management").GetProperty("feature_flags")[0].GetProperty("enabled").GetBoolean());
        await (await _client.DeleteAsync(url)).AssertProblemAsync(409, "approval_required");

        var deleting = await FlagScene.OkAsync(_client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Beta gone", operations = new object[] { new { op = "deleteFlag", key = "beta", environment = env } },
        }));
        await FlagScene.OkAsync(reviewer.PostJsonAsync($"{deleting.Headers.Location!.OriginalString}/approve", new { }));
        await FlagScene.OkAsync(_client.PostJsonAsync($"{deleting.Headers.Location!.OriginalString}/apply", new { }));
        await (await _client.GetAsync(url)).AssertProblemAsync(404, "not_found");

        await (await _client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Bad", operations = new object[] { new { op = "setFlag", key = "beta", environment = env, flag = new { enabled = "maybe" } } },
        })).AssertProblemAsync(400, "invalid_flag");
    }

    [Fact]
    public async Task AFlagHasAuditRevisionsAPointInTimeAndARestore()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var url = $"/v1/applications/{app}/feature-flags/beta?environment=staging";
        await FlagScene.OkAsync(_client.PutJsonAsync(url, new { enabled = false }));
        await Task.Delay(30);
        var off = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(30);
        await FlagScene.OkAsync(_client.PutJsonAsync(url, new { enabled = true }));

        var audit = await (await _client.GetAsync($"/v1/audit?application={app}&key=feature_management:beta")).JsonAsync();
        Assert.Equal(3, audit.GetProperty("items").GetArrayLength());
        var keyId = (await (await _client.GetAsync($"/v1/applications/{app}/feature-flags")).JsonAsync()).GetProperty("items")[0].GetProperty("keyId").GetString();
        var revisions = await (await _client.GetAsync($"/v1/configs/{keyId}/revisions")).JsonAsync();
        Assert.Equal(2, revisions.GetProperty("items").GetArrayLength());

        var then = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=staging&at={Uri.EscapeDataString(off)}")).JsonAsync();
        Assert.False(then.GetProperty("feature_management").GetProperty("feature_flags")[0].GetProperty("enabled").GetBoolean());

        await FlagScene.OkAsync(_client.PostJsonAsync($"/v1/applications/{app}/restore", new { at = off }));
        Assert.Equal("""{"id":"beta","enabled":false}""", await _client.GetStringAsync(url));
    }

    [Fact]
    public async Task AFlagIsComparedPromotedExportedAndImportedAsAKey_AndFoundBySearch()
    {
        var app = await FlagScene.NewAppAsync(_client);
        var definition = new { enabled = true, conditions = new { client_filters = new[] { new { name = "Microsoft.Percentage", parameters = new { Value = 25 } } } } };
        await FlagScene.OkAsync(_client.PutJsonAsync($"/v1/applications/{app}/feature-flags/beta?environment=staging", definition));

        var compared = await (await _client.GetAsync($"/v1/applications/{app}/compare?from=staging&to=production")).JsonAsync();
        var item = Assert.Single(compared.GetProperty("items").EnumerateArray());
        Assert.Equal(("feature_management:beta", "onlyFrom"), (item.GetProperty("key").GetString(), item.GetProperty("status").GetString()));

        await FlagScene.OkAsync(_client.PostJsonAsync($"/v1/applications/{app}/promote", new { from = "staging", to = "production", keys = new[] { "feature_management:beta" } }));
        var production = await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production");
        Assert.Equal(await _client.GetStringAsync($"/v1/applications/{app}/config?environment=staging"), production);

        var exported = await _client.GetStringAsync($"/v1/applications/{app}/export?format=configadmin");
        Assert.Contains("\"valueType\": \"flag\"", exported.Replace("\"valueType\":\"flag\"", "\"valueType\": \"flag\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var copy = await FlagScene.NewAppAsync(_client);
        await FlagScene.OkAsync(_client.SendRawAsync(HttpMethod.Post, $"/v1/applications/{copy}/import?format=configadmin", exported));
        Assert.Equal(production, await _client.GetStringAsync($"/v1/applications/{copy}/config?environment=production"));

        var nested = await _client.GetStringAsync($"/v1/applications/{app}/export?environment=production&format=json");
        Assert.Equal("Microsoft.Percentage", JsonDocument.Parse(nested).RootElement.GetProperty("feature_management").GetProperty("feature_flags")[0]
            .GetProperty("conditions").GetProperty("client_filters")[0].GetProperty("name").GetString());

        var found = await (await _client.GetAsync($"/v1/search?q=feature_management:beta")).JsonAsync();
        Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("application").GetString() == app);
    }

    /// <summary>An environment of its own, protected by one approval.</summary>
    private async Task<string> ProtectedEnvironmentAsync()
    {
        var env = A.Name("flagsafe");
        await FlagScene.OkAsync(_client.PostJsonAsync("/v1/environments", new { name = env }));
        await FlagScene.OkAsync(_client.PutJsonAsync($"/v1/environments/{env}", new { name = env, requiredApprovals = 1 }));
        return env;
    }
}

public sealed class FlagPathsTestsOnSqlite(SqliteApiHost host) : FlagPathsTests(host), IClassFixture<SqliteApiHost>;

public sealed class FlagPathsTestsOnPostgres(PostgresApiHost host) : FlagPathsTests(host), IClassFixture<PostgresApiHost>;
