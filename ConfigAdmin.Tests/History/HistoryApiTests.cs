using System.Net;
using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.History;

/// <summary>Point in time, restore and revert through the API, on both providers (design §10).</summary>
[Trait("Category", "Database")]
public abstract class HistoryApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task At_ReproducesTheExactEarlierDocument_SecretIncluded_AfterEditsAndDeletes()
    {
        var s = await ScenarioAsync();
        var then = await _client.GetAsync(s.Url);
        var body = await then.Content.ReadAsStringAsync();
        var at = await RealTime.MomentBetweenWritesAsync();

        await s.ChangeEverythingAsync();
        Assert.NotEqual(body, await _client.GetStringAsync(s.Url));

        var past = await _client.GetAsync($"{s.Url}&at={Uri.EscapeDataString(at)}");
        Assert.Equal(body, await past.Content.ReadAsStringAsync());
        Assert.Equal(then.Headers.ETag, past.Headers.ETag);
        Assert.Contains("\"Db:Password\":\"s3cret\"", body);
        var explained = await _client.GetStringAsync($"{s.Url}&explain=true&at={Uri.EscapeDataString(at)}");
        Assert.Contains("\"Port\":{\"value\":5432,\"source\":\"default\"}", explained);
    }

    [Fact]
    public async Task At_BadOrFutureMomentIs400_BeforeTheApplicationExistedIs404()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O");
        var s = await ScenarioAsync();

        await (await _client.GetAsync($"{s.Url}&at=yesterday")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync($"{s.Url}&at=2026-01-01T10:00:00")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync($"{s.Url}&at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"))
            .AssertProblemAsync(400, "validation_failed");
        var tooEarly = await (await _client.GetAsync($"{s.Url}&at={Uri.EscapeDataString(before)}")).AssertProblemAsync(404, "not_found");
        Assert.Matches($@"^Application '{s.App}' was not found at \S+Z: its recorded history starts at \S+Z\.$", tooEarly.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task KeysAt_ListsTheKeysAsTheyWere_MaskedAsUsual()
    {
        var s = await ScenarioAsync();
        var at = await RealTime.MomentBetweenWritesAsync();
        await s.ChangeEverythingAsync();

        var then = await (await _client.GetAsync($"/v1/configs?application={s.App}&at={Uri.EscapeDataString(at)}")).JsonAsync();

        var keys = then.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!);
        Assert.Equal(["Db:Password", "Mode", "Port"], keys.Keys.Order());
        Assert.Equal("***", keys["Db:Password"].GetProperty("defaultValue").GetString());
        Assert.Equal("prod", keys["Mode"].GetProperty("overrides").GetProperty("production").GetString());
    }

    [Fact]
    public async Task RestoreDryRun_ChangesNothing_AndRestoreBringsTheDocumentBack_AddingHistoryOnly()
    {
        var s = await ScenarioAsync();
        var then = await _client.GetAsync(s.Url);
        var at = await RealTime.MomentBetweenWritesAsync();
        await s.ChangeEverythingAsync();
        var changed = await _client.GetStringAsync(s.Url);
        await using var db = await host.Database.OpenRawAsync();
        var revisionsBefore = await db.DumpTextAsync("config_revisions");

        var preview = await (await _client.PostJsonAsync($"/v1/applications/{s.App}/restore", new { at, dryRun = true })).JsonAsync();
        Assert.Equal(changed, await _client.GetStringAsync(s.Url));
        Assert.Equal(["Port"], Strings(preview, "added"));
        Assert.Equal(["Extra"], Strings(preview, "removed"));
        Assert.Equal(["Db:Password", "Mode"], preview.GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("key").GetString()).Order());
        Assert.DoesNotContain("s3cret", preview.ToString());

        var restored = await _client.PostJsonAsync($"/v1/applications/{s.App}/restore", new { at });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);

        var now = await _client.GetAsync(s.Url);
        Assert.Equal(await then.Content.ReadAsStringAsync(), await now.Content.ReadAsStringAsync());
        Assert.Equal(then.Headers.ETag, now.Headers.ETag);
        Assert.StartsWith(revisionsBefore, await db.DumpTextAsync("config_revisions"));
        Assert.True((await db.DumpTextAsync("config_revisions")).Length > revisionsBefore.Length);
        var restoredAudit = await (await _client.GetAsync($"/v1/audit?application={s.App}&key=Port&action=created")).JsonAsync();
        Assert.Equal(2, restoredAudit.GetProperty("totalCount").GetInt32()); // created at first, and created again by the restore
    }

    [Fact]
    public async Task Restore_OfChosenEnvironments_ChangesOnlyTheirOverrides()
    {
        var s = await ScenarioAsync();
        var at = await RealTime.MomentBetweenWritesAsync();
        await s.ChangeEverythingAsync();
        var staging = await _client.GetStringAsync(s.Url.Replace("production", "staging"));

        var diff = await (await _client.PostJsonAsync($"/v1/applications/{s.App}/restore", new { at, environments = new[] { "production" } })).JsonAsync();

        var change = Assert.Single(diff.GetProperty("changed").EnumerateArray());
        Assert.Equal(("Mode", "production", "prod-2", "prod"), (change.GetProperty("key").GetString(), change.GetProperty("environment").GetString(),
            change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
        Assert.Empty(diff.GetProperty("added").EnumerateArray());
        Assert.Equal(staging, await _client.GetStringAsync(s.Url.Replace("production", "staging")));
        var production = JsonDocument.Parse(await _client.GetStringAsync(s.Url)).RootElement;
        Assert.Equal("prod", production.GetProperty("Mode").GetString());
        Assert.False(production.TryGetProperty("Port", out _)); // a key deleted since is not brought back by an environment restore
    }

    [Fact]
    public async Task Restore_BringsBackSwappedKeyNames()
    {
        var app = await NewAppAsync();
        var a = await AddAsync(app, "First", "1");
        var b = await AddAsync(app, "Second", "2");
        var at = await RealTime.MomentBetweenWritesAsync();
        await RenameAsync(a, "Temp");
        await RenameAsync(b, "First");
        await RenameAsync(a, "Second");

        (await _client.PostJsonAsync($"/v1/applications/{app}/restore", new { at })).EnsureSuccessStatusCode();

        Assert.Equal("""{"First":"1","Second":"2"}""", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
    }

    [Fact]
    public async Task Revert_PutsOneKeyBackToItsStateBeforeThatChange_AndRevisionsListIt()
    {
        var app = await NewAppAsync();
        var id = await AddAsync(app, "Mode", "one");
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "two" })).EnsureSuccessStatusCode();
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = "stage" })).EnsureSuccessStatusCode();
        var revisions = (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items");
        Assert.Equal(3, revisions.GetArrayLength());
        var productionChange = revisions[1].GetProperty("id").GetInt64();

        var diff = await (await _client.PostAsync($"/v1/configs/{id}/revisions/{productionChange}/revert", null)).JsonAsync();

        Assert.Equal("Mode", diff.GetProperty("changed")[0].GetProperty("key").GetString());
        Assert.Equal("""{"Mode":"one"}""", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
        Assert.Equal(4, (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Revert_OfADeletion_BringsTheKeyBack()
    {
        var app = await NewAppAsync();
        var id = await AddAsync(app, "Mode", "kept");
        (await _client.DeleteAsync($"/v1/configs/{id}")).EnsureSuccessStatusCode();
        var deletion = (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items")[0];
        Assert.True(deletion.GetProperty("deleted").GetBoolean());

        var diff = await (await _client.PostAsync($"/v1/configs/{id}/revisions/{deletion.GetProperty("id").GetInt64()}/revert", null)).JsonAsync();

        Assert.Equal(["Mode"], Strings(diff, "added"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/v1/configs/{id}")).StatusCode);
    }

    [Fact]
    public async Task Revert_DryRun_AnswersTheDiffAsRestoreDoes_AndStoresNothing()
    {
        var app = await NewAppAsync();
        var id = await AddAsync(app, "Mode", "one");
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "two" })).EnsureSuccessStatusCode();
        var newest = (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();
        var before = await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production");

        var diff = await (await _client.PostAsync($"/v1/configs/{id}/revisions/{newest}/revert?dryRun=true", null)).JsonAsync();

        var restore = await (await _client.PostJsonAsync($"/v1/applications/{app}/restore",
            new { at = DateTimeOffset.UtcNow.ToString("O"), dryRun = true })).JsonAsync();
        Assert.Equal(restore.EnumerateObject().Select(p => p.Name), diff.EnumerateObject().Select(p => p.Name));
        var changed = diff.GetProperty("changed")[0];
        Assert.Equal("Mode", changed.GetProperty("key").GetString());
        Assert.Contains("\"two\"", changed.GetProperty("from").GetRawText());
        Assert.DoesNotContain("\"two\"", changed.GetProperty("to").GetRawText());
        Assert.Equal(before, await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
        Assert.Equal(2, (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Revert_OfTheFirstRevision_DeletesTheKey_AndItsDryRunSaysSo()
    {
        var app = await NewAppAsync();
        var id = await AddAsync(app, "Mode", "one");
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "two" })).EnsureSuccessStatusCode();
        var creation = (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items")[1].GetProperty("id").GetInt64();

        var preview = await (await _client.PostAsync($"/v1/configs/{id}/revisions/{creation}/revert?dryRun=true", null)).JsonAsync();
        Assert.Equal(["Mode"], Strings(preview, "removed"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/v1/configs/{id}")).StatusCode);

        var applied = await (await _client.PostAsync($"/v1/configs/{id}/revisions/{creation}/revert", null)).JsonAsync();
        Assert.Equal(preview.ToString(), applied.ToString());
        await (await _client.GetAsync($"/v1/configs/{id}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Revert_OfAChangeWhoseApplicationWasDeleted_Is409_NotA500()
    {
        var app = await NewAppAsync();
        var id = await AddAsync(app, "Mode", "gone");
        var revision = (await (await _client.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();
        (await _client.DeleteAsync($"/v1/applications/{app}")).EnsureSuccessStatusCode();

        var response = await _client.PostAsync($"/v1/configs/{id}/revisions/{revision}/revert", null);

        var problem = await response.AssertProblemAsync(409, "application_deleted");
        Assert.Contains("was deleted", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Restore_NeedsTheEditorRole()
    {
        var s = await ScenarioAsync();
        var at = await RealTime.MomentBetweenWritesAsync();
        var viewer = await host.ClientForKeyAsync("viewer");

        await (await viewer.PostJsonAsync($"/v1/applications/{s.App}/restore", new { at })).AssertProblemAsync(403, "forbidden");
        await (await viewer.GetAsync($"{s.Url}&at={Uri.EscapeDataString(at)}")).EnsureSuccessStatusCodeAsync();
    }

    private static string[] Strings(JsonElement diff, string name) =>
        diff.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private async Task<string> NewAppAsync()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        return app;
    }

    private async Task<string> AddAsync(string app, string key, string value) =>
        (await (await _client.PostJsonAsync("/v1/configs", A.Config(app, key, defaultValue: value))).JsonAsync()).GetProperty("id").GetString()!;

    private async Task RenameAsync(string id, string key)
    {
        var current = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        (await _client.PutJsonAsync($"/v1/configs/{id}", new { key, valueType = "string", defaultValue = current.GetProperty("defaultValue").GetString() }))
            .EnsureSuccessStatusCode();
    }

    private async Task<Scenario> ScenarioAsync()
    {
        var app = await NewAppAsync();
        var mode = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Mode", defaultValue: "dev", overrides: new() { ["production"] = "prod" }))).JsonAsync();
        var password = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true))).JsonAsync();
        var port = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Port", ConfigValueType.Integer, "5432"))).JsonAsync();
        return new Scenario(_client, app, mode.GetProperty("id").GetString()!, password.GetProperty("id").GetString()!, port.GetProperty("id").GetString()!);
    }

    private sealed record Scenario(HttpClient Client, string App, string Mode, string Password, string Port)
    {
        public string Url => $"/v1/applications/{App}/config?environment=production";

        /// <summary>An override changed, a secret changed, a key deleted, a key added.</summary>
        public async Task ChangeEverythingAsync()
        {
            (await Client.PutJsonAsync($"/v1/configs/{Mode}/overrides/production", new { value = "prod-2" })).EnsureSuccessStatusCode();
            (await Client.PutJsonAsync($"/v1/configs/{Password}", new { key = "Db:Password", valueType = "string", defaultValue = "rotated", isSecret = true }))
                .EnsureSuccessStatusCode();
            (await Client.DeleteAsync($"/v1/configs/{Port}")).EnsureSuccessStatusCode();
            (await Client.PostJsonAsync("/v1/configs", A.Config(App, "Extra", defaultValue: "new"))).EnsureSuccessStatusCode();
        }
    }
}

public sealed class HistoryApiTestsOnSqlite(SqliteApiHost host) : HistoryApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class HistoryApiTestsOnPostgres(PostgresApiHost host) : HistoryApiTests(host), IClassFixture<PostgresApiHost>;
