using System.Net;
using System.Text;
using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.History;

/// <summary>Compare, promote, export and import through the API, on both providers (design §10).</summary>
[Trait("Category", "Database")]
public abstract class TransferApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Compare_TellsSameDiffersAndOnlyInOne_MaskingSecrets()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Same", "x");
        await AddAsync(app, "Differs", "dev", overrides: new() { ["production"] = "prod" });
        await AddAsync(app, "OnlyStaging", null, overrides: new() { ["staging"] = "s" });
        await AddAsync(app, "Secret", "a", overrides: new() { ["production"] = "b" }, secret: true);

        var compared = await (await _client.GetAsync($"/v1/applications/{app}/compare?from=staging&to=production")).JsonAsync();

        var items = compared.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!);
        Assert.Equal("same", items["Same"].GetProperty("status").GetString());
        Assert.Equal(("differs", "dev", "prod"), (items["Differs"].GetProperty("status").GetString(),
            items["Differs"].GetProperty("from").GetString(), items["Differs"].GetProperty("to").GetString()));
        Assert.Equal("onlyFrom", items["OnlyStaging"].GetProperty("status").GetString());
        Assert.Equal(("differs", "***", "***"), (items["Secret"].GetProperty("status").GetString(),
            items["Secret"].GetProperty("from").GetString(), items["Secret"].GetProperty("to").GetString()));
        await (await _client.GetAsync($"/v1/applications/{app}/compare?from=staging&to=staging")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Promote_SetsTheOverridesInOneTransaction_WithOneAuditEntryPerKey_AndAKeyWithoutValueIs400()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Timeout", "30", ConfigValueType.Integer, new() { ["staging"] = "45" });
        await AddAsync(app, "Mode", "dev", overrides: new() { ["staging"] = "canary" });
        await AddAsync(app, "OnlyProd", null, overrides: new() { ["production"] = "p" });
        var url = $"/v1/applications/{app}/config?environment=production";
        var before = await _client.GetStringAsync(url);

        var refused = await _client.PostJsonAsync($"/v1/applications/{app}/promote", new { from = "staging", to = "production", keys = new[] { "Timeout", "OnlyProd" } });
        var problem = await refused.AssertProblemAsync(400, "validation_failed");
        Assert.Contains("OnlyProd", problem.GetProperty("errors").ToString());
        Assert.Equal(before, await _client.GetStringAsync(url));

        var preview = await (await _client.PostJsonAsync($"/v1/applications/{app}/promote", new { from = "staging", to = "production", keys = new[] { "timeout", "Mode" }, dryRun = true })).JsonAsync();
        Assert.Equal(2, preview.GetProperty("changed").GetArrayLength());
        Assert.Equal(before, await _client.GetStringAsync(url));

        var done = await _client.PostJsonAsync($"/v1/applications/{app}/promote", new { from = "staging", to = "production", keys = new[] { "Timeout", "Mode" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("""{"Mode":"canary","OnlyProd":"p","Timeout":45}""", await _client.GetStringAsync(url));
        var audit = await (await _client.GetAsync($"/v1/audit?application={app}&entityType=override&environment=production&action=created")).JsonAsync();
        Assert.Equal(3, audit.GetProperty("totalCount").GetInt32()); // OnlyProd at creation, then Timeout and Mode
    }

    [Theory]
    [InlineData("json")]
    [InlineData("flat")]
    [InlineData("env")]
    [InlineData("yaml")]
    [InlineData("properties")]
    public async Task Export_EachFormat_ImportsBackIntoAnotherApplication_AsTheSameClientRead(string format)
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Db:Host", "db.local", overrides: new() { ["production"] = "db.prod" });
        await AddAsync(app, "Db:Port", "5432", ConfigValueType.Integer);
        await AddAsync(app, "Ratio", "1.5", ConfigValueType.Number);
        await AddAsync(app, "Feature:On", "true", ConfigValueType.Boolean);
        await AddAsync(app, "Greeting", "hello = world # with \"quotes\"\nand a second line");
        await AddAsync(app, "Password", "s3cret", secret: true);

        var exported = await _client.GetAsync($"/v1/applications/{app}/export?environment=production&format={format}");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Contains(app, exported.Content.Headers.ContentDisposition!.FileNameStar ?? exported.Content.Headers.ContentDisposition.FileName);
        var file = await exported.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("s3cret", Encoding.UTF8.GetString(file));

        var copy = await NewAppAsync();
        var imported = await _client.PostAsync($"/v1/applications/{copy}/import?format={format}", new ByteArrayContent(file));
        await imported.EnsureSuccessStatusCodeAsync();
        Assert.Equal(5, (await imported.JsonAsync()).GetProperty("added").GetArrayLength());

        var original = JsonDocument.Parse(await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production")).RootElement;
        var copied = JsonDocument.Parse(await _client.GetStringAsync($"/v1/applications/{copy}/config?environment=production")).RootElement;
        Assert.Equal(original.EnumerateObject().Where(p => p.Name != "Password").Select(p => $"{p.Name}={p.Value.GetRawText()}"),
            copied.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}"));
    }

    [Fact]
    public async Task ConfigAdminFormat_RoundTrip_GivesIdenticalClientReadsInEveryEnvironment()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Db:Host", "db.local", overrides: new() { ["production"] = "db.prod", ["staging"] = "db.stage" });
        await AddAsync(app, "Limits", """{"max": 3, "burst": [1,2]}""", ConfigValueType.Json);
        await AddAsync(app, "Password", "s3cret", overrides: new() { ["production"] = "live" }, secret: true);
        await AddAsync(app, "NoDefault", null, ConfigValueType.Integer, new() { ["development"] = "7" });

        var file = await _client.GetByteArrayAsync($"/v1/applications/{app}/export?format=configadmin&includeSecrets=true");
        var copy = await NewAppAsync();
        (await _client.PostAsync($"/v1/applications/{copy}/import?format=configadmin", new ByteArrayContent(file))).EnsureSuccessStatusCode();

        foreach (var env in new[] { "development", "staging", "production" })
            Assert.Equal(await _client.GetStringAsync($"/v1/applications/{app}/config?environment={env}"),
                await _client.GetStringAsync($"/v1/applications/{copy}/config?environment={env}"));
        var withoutSecrets = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/v1/applications/{app}/export?format=configadmin"));
        Assert.DoesNotContain("s3cret", withoutSecrets);
        Assert.DoesNotContain("live", withoutSecrets);
    }

    [Fact]
    public async Task Import_DryRunMergeReplace_IntoAnEnvironment()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Keep", "k", overrides: new() { ["staging"] = "old" });
        await AddAsync(app, "Drop", "d", overrides: new() { ["staging"] = "gone soon" });
        var file = new StringContent("""{"Keep":"new","Fresh":42}""");
        var staging = $"/v1/applications/{app}/config?environment=staging";
        var before = await _client.GetStringAsync(staging);

        var dry = await (await _client.PostAsync($"/v1/applications/{app}/import?format=flat&environment=staging&mode=replace&dryRun=true", file)).JsonAsync();
        Assert.Equal(before, await _client.GetStringAsync(staging));
        Assert.Equal(["Fresh"], dry.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Drop"], dry.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Keep", dry.GetProperty("changed")[0].GetProperty("key").GetString());

        (await _client.PostAsync($"/v1/applications/{app}/import?format=flat&environment=staging&mode=merge",
            new StringContent("""{"Keep":"new","Fresh":42}"""))).EnsureSuccessStatusCode();
        Assert.Equal("""{"Drop":"gone soon","Fresh":42,"Keep":"new"}""", await _client.GetStringAsync(staging));
        Assert.Equal("""{"Drop":"d","Keep":"k"}""", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));

        (await _client.PostAsync($"/v1/applications/{app}/import?format=flat&environment=staging&mode=replace",
            new StringContent("""{"Keep":"new","Fresh":42}"""))).EnsureSuccessStatusCode();
        Assert.Equal("""{"Drop":"d","Fresh":42,"Keep":"new"}""", await _client.GetStringAsync(staging));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")] // what curl --data-binary @file sends
    [InlineData("application/json")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/octet-stream")]
    [InlineData("image/png")]
    [InlineData(null)]
    public async Task Import_TakesTheBodyWhateverItsContentType_FormatDecides(string? contentType)
    {
        var app = await NewAppAsync();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"Greeting":"hello"}"""));
        if (contentType is not null) body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var imported = await _client.PostAsync($"/v1/applications/{app}/import?format=flat", body);

        await imported.EnsureSuccessStatusCodeAsync();
        Assert.Equal(["Greeting"], (await imported.JsonAsync()).GetProperty("added").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Import_ReplaceAsDefaults_DeletesKeysTheFileLacks()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Keep", "k");
        await AddAsync(app, "Drop", "d");

        (await _client.PostAsync($"/v1/applications/{app}/import?format=env&mode=replace", new StringContent("KEEP=changed\nNEW__NESTED=1\n"))).EnsureSuccessStatusCode();

        Assert.Equal("""{"Keep":"changed","NEW:NESTED":1}""", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
    }

    [Fact]
    public async Task Import_ABadFileOrABadValue_Is400_AndStoresNothing()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "Port", "80", ConfigValueType.Integer);
        var url = $"/v1/applications/{app}/config?environment=production";
        var before = await _client.GetStringAsync(url);

        await (await _client.PostAsync($"/v1/applications/{app}/import?format=json", new StringContent("{ not json"))).AssertProblemAsync(400, "malformed_file");
        var bad = await (await _client.PostAsync($"/v1/applications/{app}/import?format=flat", new StringContent("""{"New":"ok","Port":"eighty"}""")))
            .AssertProblemAsync(400, "validation_failed");
        await (await _client.PostAsync($"/v1/applications/{app}/import?format=toml", new StringContent("a=1"))).AssertProblemAsync(400, "unknown_format");

        Assert.Contains("Port", bad.GetProperty("errors").ToString());
        Assert.Equal(before, await _client.GetStringAsync(url));
    }

    [Fact]
    public async Task Export_NestedFormatsRefuseAValueThatIsAlsoAParent_FlatFormatsAlwaysWork_AndSecretsNeedAnEditor()
    {
        var app = await NewAppAsync();
        await AddAsync(app, "A", "1");
        await AddAsync(app, "A:B", "2");
        await AddAsync(app, "Password", "s3cret", secret: true);

        var conflict = await (await _client.GetAsync($"/v1/applications/{app}/export?environment=production&format=yaml")).AssertProblemAsync(409, "export_conflict");
        Assert.Contains("'A:B'", conflict.GetProperty("detail").GetString());
        Assert.Equal("A='1'\nA__B='2'\n", await _client.GetStringAsync($"/v1/applications/{app}/export?environment=production&format=env"));
        var viewer = await host.ClientForKeyAsync("viewer");
        await (await viewer.GetAsync($"/v1/applications/{app}/export?environment=production&format=flat&includeSecrets=true")).AssertProblemAsync(403, "forbidden");
        Assert.Contains("s3cret", await _client.GetStringAsync($"/v1/applications/{app}/export?environment=production&format=flat&includeSecrets=true"));
    }

    private async Task<string> NewAppAsync()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        return app;
    }

    private async Task AddAsync(string app, string key, string? value, ConfigValueType type = ConfigValueType.String,
        Dictionary<string, string?>? overrides = null, bool secret = false) =>
        await (await _client.PostJsonAsync("/v1/configs", A.Config(app, key, type, value, overrides, secret))).EnsureSuccessStatusCodeAsync();
}

public sealed class TransferApiTestsOnSqlite(SqliteApiHost host) : TransferApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class TransferApiTestsOnPostgres(PostgresApiHost host) : TransferApiTests(host), IClassFixture<PostgresApiHost>;
