using System.Net;
using System.Text;
using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Schemas;

/// <summary>
/// A json key's schema on every write path, through the API on both providers (design §12): each path checks every
/// value the key will hold, lists every violation at its pointer (400, or 409 when stored values break the schema),
/// and writes nothing when one breaks it.
/// </summary>
[Trait("Category", "Database")]
public abstract class SchemaWritePathsTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    private static readonly JsonElement Retry = Json("""
        {"type":"object","required":["count"],"additionalProperties":false,
         "properties":{"count":{"type":"integer","minimum":1},"owner":{"type":"string","format":"email"},"delay":{"type":"number"}}}
        """);

    [Fact]
    public async Task Create_WithAValueOfSeveralFaults_Is400ListingEach_AndStoresNothing()
    {
        var app = await NewAppAsync();

        var response = await CreateAsync(app, "Retry", """{"count":"three","owner":"not-an-address","extra":true}""", Retry,
            new() { ["production"] = """{"delay":"soon"}""" });

        var violations = await ViolationsAsync(response, 400);
        Assert.Equal(
        [
            ("Retry", null, "/count", "must be an integer (not a string)."),
            ("Retry", null, "/owner", "must be an email address."),
            ("Retry", null, "/extra", "is not a property the schema allows."),
            ("Retry", "production", "", "is missing the required property 'count'."),
            ("Retry", "production", "/delay", "must be a number (not a string)."),
        ], violations);
        var keys = await (await _client.GetAsync($"/v1/configs?application={app}")).JsonAsync();
        Assert.Equal(0, keys.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Create_Update_AndOverride_KeepTheSchema_AndCheckEachValueAgainstIt()
    {
        var app = await NewAppAsync();
        var created = await (await CreateAsync(app, "Retry", """{"count":3}""", Retry)).JsonAsync();
        var id = created.GetProperty("id").GetString();
        Assert.True(JsonElement.DeepEquals(Retry, created.GetProperty("schema")));

        var badOverride = await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = """{"count":0}""" });
        Assert.Equal([("Retry", "staging", "/count", "must be at least 1.")], await ViolationsAsync(badOverride, 400));
        var badDefault = await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "json", defaultValue = "{}", schema = Retry });
        Assert.Equal([("Retry", null, "", "is missing the required property 'count'.")], await ViolationsAsync(badDefault, 400));
        await (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = """{"count":5}""" })).EnsureSuccessStatusCodeAsync();

        Assert.Equal("""{"Retry":{"count":5}}""", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=staging"));
        var key = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        Assert.True(JsonElement.DeepEquals(Retry, key.GetProperty("schema")));
    }

    [Fact]
    public async Task Update_ANewSchemaThatOneEnvironmentsOverrideBreaks_Is409NamingIt_AndChangesNothing()
    {
        var app = await NewAppAsync();
        var id = await IdAsync(CreateAsync(app, "Retry", """{"count":3}""", (JsonElement?)null,
            new() { ["staging"] = """{"count":2}""", ["production"] = """{"count":"three"}""" }));
        var before = await ExportAsync(app);

        var response = await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "json", defaultValue = """{"count":3}""", schema = Retry });

        Assert.Equal([("Retry", "production", "/count", "must be an integer (not a string).")], await ViolationsAsync(response, 409));
        Assert.Equal(before, await ExportAsync(app));
    }

    [Fact]
    public async Task Put_WithoutASchema_RemovesIt_AndASchemaOnAKeyThatIsNotJson_Is400()
    {
        var app = await NewAppAsync();
        var id = await IdAsync(CreateAsync(app, "Retry", """{"count":3}""", Retry));

        var removed = await (await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "json", defaultValue = """{"count":"any"}""" })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("schema").ValueKind);

        var typed = await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "string", defaultValue = "x", schema = Retry });
        var problem = await typed.AssertProblemAsync(400, "validation_failed");
        Assert.Contains("Only json keys take a schema", problem.GetProperty("errors").GetProperty("schema")[0].GetString());
        var asString = await CreateWithSchemaTextAsync(app, "Quoted", "{\"type\":\"object\"}");
        var invalid = await asString.AssertProblemAsync(400, "invalid_schema");
        Assert.Equal("must be a JSON object.", invalid.GetProperty("violations")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_WithAnInvalidSchema_Is400_WithPointersIntoTheSchema()
    {
        var app = await NewAppAsync();

        var response = await CreateAsync(app, "Retry", "{}", Json("""{"properties":{"count":{"type":"int"},"at":{"$ref":"https://example.com/s.json"}}}"""));

        var problem = await response.AssertProblemAsync(400, "invalid_schema");
        var violations = problem.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("pointer").GetString()).ToList();
        Assert.Equal(["/properties/count/type", "/properties/at/$ref"], violations);
    }

    [Fact]
    public async Task Import_AndTextMode_CheckTheFilesValues_AndTheConfigadminFormatCarriesTheSchema()
    {
        var app = await NewAppAsync();
        await IdAsync(CreateAsync(app, "Retry", """{"count":3}""", Retry));
        var before = await ExportAsync(app);

        var bad = await ImportAsync(app, "json", """{"Retry":{"count":"three","extra":1}}""", "production");
        Assert.Equal([("Retry", "production", "/count", "must be an integer (not a string)."), ("Retry", "production", "/extra", "is not a property the schema allows.")],
            await ViolationsAsync(bad, 400));
        // The text mode's own import: a layer written back with the secrets kept.
        var textMode = await ImportAsync(app, "yaml", "Retry:\n  count: 0\n", null, "&mode=replace");
        Assert.Equal([("Retry", null, "/count", "must be at least 1.")], await ViolationsAsync(textMode, 400));
        Assert.Equal(before, await ExportAsync(app));

        var other = await NewAppAsync();
        await (await ImportAsync(other, "configadmin", before.Replace(app, other), null)).EnsureSuccessStatusCodeAsync();
        using var exported = JsonDocument.Parse(await ExportAsync(other));
        Assert.True(JsonElement.DeepEquals(Retry, exported.RootElement.GetProperty("keys")[0].GetProperty("schema")));
        // A file whose schema the stored values break: a conflict with what is stored, not bad values.
        var tightened = before.Replace(app, other).Replace("\"minimum\": 1", "\"minimum\": 10");
        Assert.Equal([("Retry", null, "/count", "must be at least 10.")], await ViolationsAsync(await ImportAsync(other, "configadmin", tightened, null), 409));
    }

    [Fact]
    public async Task Restore_OfOneEnvironment_WhoseOldValueBreaksTodaysSchema_Is409_ButAWholeRestoreBringsBackTheSchemaOfThatMoment()
    {
        var app = await NewAppAsync();
        var id = await IdAsync(CreateAsync(app, "Retry", """{"count":3}""", (JsonElement?)null, new() { ["production"] = """{"count":"three"}""" }));
        var at = await MomentAsync();
        await (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = """{"count":4}""" })).EnsureSuccessStatusCodeAsync();
        await (await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "json", defaultValue = """{"count":3}""", schema = Retry }))
            .EnsureSuccessStatusCodeAsync();
        var before = await ExportAsync(app);

        var one = await _client.PostJsonAsync($"/v1/applications/{app}/restore", new { at, environments = new[] { "production" } });
        Assert.Equal([("Retry", "production", "/count", "must be an integer (not a string).")], await ViolationsAsync(one, 409));
        Assert.Equal(before, await ExportAsync(app));

        // The preview shows the schema going with the values.
        var preview = await (await _client.PostJsonAsync($"/v1/applications/{app}/restore", new { at, dryRun = true })).JsonAsync();
        var change = preview.GetProperty("changed")[0];
        Assert.True(JsonElement.DeepEquals(Retry, change.GetProperty("from").GetProperty("schema")));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("to").GetProperty("schema").ValueKind);
        await (await _client.PostJsonAsync($"/v1/applications/{app}/restore", new { at })).EnsureSuccessStatusCodeAsync();
        var key = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, key.GetProperty("schema").ValueKind);
        Assert.Equal("""{"count":"three"}""", key.GetProperty("overrides").GetProperty("production").GetString());
    }

    [Fact]
    public async Task Revert_BringsBackTheWholeKeyStateOfThatMoment_SchemaIncluded()
    {
        var app = await NewAppAsync();
        var id = await IdAsync(CreateAsync(app, "Retry", """{"count":3}""", Retry));
        await (await _client.PutJsonAsync($"/v1/configs/{id}", new { key = "Retry", valueType = "json", defaultValue = """{"count":"any"}""" }))
            .EnsureSuccessStatusCodeAsync();
        var revisions = await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync();
        var removal = revisions.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, removal.GetProperty("schema").ValueKind);
        Assert.True(JsonElement.DeepEquals(Retry, revisions.GetProperty("items")[1].GetProperty("schema")));

        await (await _client.PostAsync($"/v1/configs/{id}/revisions/{removal.GetProperty("id").GetInt64()}/revert", null)).EnsureSuccessStatusCodeAsync();

        var key = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        Assert.True(JsonElement.DeepEquals(Retry, key.GetProperty("schema")));
        Assert.Equal("""{"count":3}""", key.GetProperty("defaultValue").GetString());
    }

    [Fact]
    public async Task Promote_ChecksTheValuesItBrings_AgainstTheSchema()
    {
        var app = await NewAppAsync();
        var key = A.Name("Retry");
        await IdAsync(CreateAsync(app, key, """{"count":3}""", Retry, new() { ["staging"] = """{"count":2}""" }));
        // A value written around the checks (by hand in the database, say) is caught when a path moves it.
        await using (var db = await host.Database.OpenRawAsync())
            await db.ExecuteAsync($$"""UPDATE overrides SET "Value" = '{"count":-1}' WHERE "ConfigId" IN (SELECT "Id" FROM configs WHERE "Key" = '{{key}}')""");
        var before = await ExportAsync(app);

        var promoted = await _client.PostJsonAsync($"/v1/applications/{app}/promote", new { from = "staging", to = "production", keys = new[] { key } });

        Assert.Equal([(key, "production", "/count", "must be at least 1."), (key, "staging", "/count", "must be at least 1.")],
            await ViolationsAsync(promoted, 409));
        Assert.Equal(before, await ExportAsync(app));
    }

    [Fact]
    public async Task ChangeRequests_AreCheckedWhenFiled_AndAgainWhenApplied()
    {
        var app = await NewAppAsync();
        var key = A.Name("Retry");
        await IdAsync(CreateAsync(app, key, """{"count":3}""", Retry));

        var filedBad = await _client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Retry less", operations = new object[] { new { op = "setOverride", key, environment = "staging", value = """{"count":0}""" } },
        });
        Assert.Equal([(key, "staging", "/count", "must be at least 1.")], await ViolationsAsync(filedBad, 400));

        var filed = await (await _client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Retry more", operations = new object[]
            {
                new { op = "setOverride", key, environment = "staging", value = """{"count":9}""" },
                new { op = "createKey", key = "Limits", valueType = "json", defaultValue = """{"n":1}""", schema = Json("""{"properties":{"n":{"type":"integer"}}}""") },
            },
        })).JsonAsync();
        Assert.True(filed.GetProperty("operations")[1].GetProperty("schema").ValueKind == JsonValueKind.Object, filed.ToString());
        // The key's schema tightened underneath (by hand: a change through the API would make the request stale).
        await using (var db = await host.Database.OpenRawAsync())
            await db.ExecuteAsync("""UPDATE configs SET "Schema" = '{"properties":{"count":{"maximum":5}}}' WHERE "Key" = '""" + key + "'");
        var url = $"/v1/applications/{app}/change-requests/{filed.GetProperty("id").GetInt64()}";

        Assert.Equal([(key, "staging", "/count", "must be at most 5.")], await ViolationsAsync(await _client.PostJsonAsync(url + "/apply", new { }), 400));
        await using (var db = await host.Database.OpenRawAsync())
            await db.ExecuteAsync($"""UPDATE configs SET "Schema" = NULL WHERE "Key" = '{key}'""");
        await (await _client.PostJsonAsync(url + "/apply", new { })).EnsureSuccessStatusCodeAsync();
        var limits = (await (await _client.GetAsync($"/v1/configs?application={app}&search=Limits")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("""{"properties":{"n":{"type":"integer"}}}""", limits.GetProperty("schema").GetRawText());
    }

    [Fact]
    public async Task Rollouts_StartOnlyWithATargetThatMeetsTheSchema_AndKeepTheSchemaOfTheKeysTheirTargetHolds()
    {
        var app = await NewAppAsync();
        var key = A.Name("Retry");
        // No default: the request gives the key its first value, in production alone (a rollout changes one environment).
        var id = await IdAsync(_client.PostJsonAsync("/v1/configs", new { application = app, key, valueType = "json", schema = Retry }));
        var filed = await (await _client.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Retry in production", operations = new object[] { new { op = "setOverride", key, environment = "production", value = """{"count":3}""" } },
        })).JsonAsync();
        var url = $"/v1/applications/{app}/change-requests/{filed.GetProperty("id").GetInt64()}";
        var gradually = new { rollout = new { stages = new object[] { new { percent = 50, bakeSeconds = 3600 }, new { percent = 100 } } } };
        // The key's schema tightened underneath (by hand: a change through the API would make the request stale).
        await using (var db = await host.Database.OpenRawAsync())
            await db.ExecuteAsync("""UPDATE configs SET "Schema" = '{"properties":{"count":{"minimum":5}}}' WHERE "Key" = '""" + key + "'");

        Assert.Equal([(key, "production", "/count", "must be at least 5.")], await ViolationsAsync(await _client.PostJsonAsync(url + "/apply", gradually), 400));
        Assert.Equal(JsonValueKind.Null, (await (await _client.GetAsync(url)).JsonAsync()).GetProperty("rollout").ValueKind);

        await using (var db = await host.Database.OpenRawAsync())
            await db.ExecuteAsync($"""UPDATE configs SET "Schema" = '{JsonSerializer.Serialize(Retry)}' WHERE "Key" = '{key}'""");
        var started = await (await _client.PostJsonAsync(url + "/apply", gradually)).JsonAsync();
        var rollout = started.GetProperty("rollout").GetProperty("id").GetInt64();
        // The key has no value in production's stored document yet, but the target instances read holds one.
        var tightened = await _client.PutJsonAsync($"/v1/configs/{id}", new { key, valueType = "json", schema = Json("""{"properties":{"count":{"minimum":5}}}""") });
        await tightened.AssertProblemAsync(409, "rollout_in_progress");
        await (await _client.PostAsync($"/v1/rollouts/{rollout}/promote", null)).EnsureSuccessStatusCodeAsync();

        var stored = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        Assert.Equal("""{"count":3}""", stored.GetProperty("overrides").GetProperty("production").GetString());
        Assert.True(JsonElement.DeepEquals(Retry, stored.GetProperty("schema")));
    }

    [Fact]
    public async Task ApplicationSchema_NestsTheKeys_AndTheNestedExportOfEachEnvironmentValidatesAgainstIt()
    {
        var app = await NewAppAsync();
        await IdAsync(CreateAsync(app, "Payments:Retry", """{"count":3}""", Retry, new() { ["production"] = """{"count":5,"owner":"ops@example.com"}""" }));
        await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Payments:TimeoutSeconds", ConfigValueType.Integer, "30"))).EnsureSuccessStatusCodeAsync();

        var response = await _client.GetAsync($"/v1/applications/{app}/schema");

        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var schema = await response.Content.ReadAsStringAsync();
        var compiler = new Core.Schemas.SchemaCompiler();
        foreach (var environment in new[] { "development", "staging", "production" })
        {
            var file = await _client.GetStringAsync($"/v1/applications/{app}/export?environment={environment}&format=json");
            Assert.Empty(compiler.Check(schema, file));
        }
        Assert.Equal([("/Payments/TimeoutSeconds", "must be an integer (not a string).")],
            compiler.Check(schema, """{"Payments":{"TimeoutSeconds":"30"}}"""));
        await (await _client.GetAsync($"/v1/applications/{A.Name("none")}/schema")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSchemaAsAnObject()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var type in new[] { "ConfigCreateInput", "ConfigUpdateInput", "ConfigDto" })
        {
            var schema = schemas.GetProperty(type).GetProperty("properties").GetProperty("schema");
            Assert.Contains("object", schema.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        }
    }

    private Task<HttpResponseMessage> CreateAsync(string app, string key, string defaultValue, JsonElement? schema,
        Dictionary<string, string>? overrides = null) =>
        _client.PostJsonAsync("/v1/configs", new { application = app, key, valueType = "json", defaultValue, overrides, schema });

    /// <summary>A schema sent as a JSON string, not an object.</summary>
    private Task<HttpResponseMessage> CreateWithSchemaTextAsync(string app, string key, string schema) =>
        _client.PostJsonAsync("/v1/configs", new { application = app, key, valueType = "json", defaultValue = "{}", schema });

    private Task<HttpResponseMessage> ImportAsync(string app, string format, string body, string? environment, string extra = "") =>
        _client.PostAsync($"/v1/applications/{app}/import?format={format}{(environment is null ? "" : "&environment=" + environment)}{extra}",
            new StringContent(body, Encoding.UTF8, "application/octet-stream"));

    private Task<string> ExportAsync(string app) => _client.GetStringAsync($"/v1/applications/{app}/export?format=configadmin&includeSecrets=true");

    private async Task<string> NewAppAsync()
    {
        var name = A.Name("schema");
        await (await _client.PostJsonAsync("/v1/applications", A.Application(name))).EnsureSuccessStatusCodeAsync();
        return name;
    }

    private static async Task<string> IdAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        await response.EnsureSuccessStatusCodeAsync();
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>The problem's violations as (key, environment, pointer, message), after checking its status and code.</summary>
    private static async Task<List<(string, string?, string, string)>> ViolationsAsync(HttpResponseMessage response, int status)
    {
        var problem = await response.AssertProblemAsync(status, "schema_violation");
        return problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("key").GetString()!,
            v.GetProperty("environment").ValueKind == JsonValueKind.Null ? null : v.GetProperty("environment").GetString(),
            v.GetProperty("pointer").GetString()!, v.GetProperty("message").GetString()!)).ToList();
    }

    private static async Task<string> MomentAsync()
    {
        await Task.Delay(20);
        var at = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(20);
        return at;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}

public sealed class SchemaWritePathsTestsOnSqlite(SqliteApiHost host) : SchemaWritePathsTests(host), IClassFixture<SqliteApiHost>;

public sealed class SchemaWritePathsTestsOnPostgres(PostgresApiHost host) : SchemaWritePathsTests(host), IClassFixture<PostgresApiHost>;
