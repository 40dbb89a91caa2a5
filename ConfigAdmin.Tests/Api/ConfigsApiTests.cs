using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class ConfigsApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Crud_WithOverrides_HappyPath()
    {
        var app = await NewAppAsync();
        var created = await _client.PostJsonAsync("/v1/configs",
            A.Config(app, "Cache:Minutes", ConfigValueType.Integer, "5", new() { ["production"] = "60" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var config = await created.JsonAsync();
        var id = config.GetProperty("id").GetString();
        Assert.Equal($"/v1/configs/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("integer", config.GetProperty("valueType").GetString());
        Assert.Equal("60", config.GetProperty("overrides").GetProperty("production").GetString());

        var read = await _client.GetAsync($"/v1/configs/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);

        var put = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/configs/{id}",
            new { key = "Cache:Minutes", valueType = "integer", defaultValue = "10", description = "Minutes to cache." }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var afterPut = await put.JsonAsync();
        Assert.Equal("10", afterPut.GetProperty("defaultValue").GetString());
        Assert.Equal("60", afterPut.GetProperty("overrides").GetProperty("production").GetString());

        var setOverride = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/configs/{id}/overrides/staging", new { value = "15" }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, setOverride.StatusCode);
        Assert.Equal("\"3\"", setOverride.Headers.ETag!.Tag);

        var removeOverride = await _client.SendJsonAsync(HttpMethod.Delete, $"/v1/configs/{id}/overrides/staging", null, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, removeOverride.StatusCode);
        await (await _client.SendJsonAsync(HttpMethod.Delete, $"/v1/configs/{id}/overrides/staging", null))
            .AssertProblemAsync(404, "not_found");

        var list = await (await _client.GetAsync($"/v1/configs?application={app}&environment=production")).JsonAsync();
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendJsonAsync(HttpMethod.Delete, $"/v1/configs/{id}", null, "\"4\"")).StatusCode);
        await (await _client.GetAsync($"/v1/configs/{id}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Create_BadInput_GivesTheRightProblems()
    {
        var app = await NewAppAsync();
        await _client.PostJsonAsync("/v1/configs", A.Config(app, "Dup"));

        await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "DUP"))).AssertProblemAsync(409, "name_taken");
        await (await _client.PostJsonAsync("/v1/configs", A.Config("no-such-app"))).AssertProblemAsync(404, "not_found");
        await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "X", overrides: new() { ["mars"] = "1" })))
            .AssertProblemAsync(404, "not_found");
        var problem = await (await _client.PostJsonAsync("/v1/configs",
            A.Config(app, "Bad..Key", ConfigValueType.Boolean, "yes", new() { ["production"] = "maybe" })))
            .AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _));
        Assert.True(errors.TryGetProperty("defaultValue", out _));
        Assert.True(errors.TryGetProperty("overrides.production", out _));
    }

    [Fact]
    public async Task Secrets_AreMaskedInAdminReads_AndClearInTheClientRead()
    {
        var app = await NewAppAsync();
        var created = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: "hunter2", secret: true))).JsonAsync();

        Assert.Equal("***", created.GetProperty("defaultValue").GetString());
        var list = await (await _client.GetAsync($"/v1/configs?application={app}")).JsonAsync();
        Assert.Equal("***", list.GetProperty("items")[0].GetProperty("defaultValue").GetString());
        var resolved = await (await _client.GetAsync($"/v1/applications/{app}/config?environment=production")).JsonAsync();
        Assert.Equal("hunter2", resolved.GetProperty("Db:Password").GetString());
    }

    [Fact]
    public async Task Put_ClearingSecretWithTheMaskStillInTheBody_KeepsTheStoredValue()
    {
        var app = await NewAppAsync();
        var created = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Api:Key", defaultValue: "k-123", secret: true))).JsonAsync();
        var id = created.GetProperty("id").GetString();

        var put = await _client.PutJsonAsync($"/v1/configs/{id}",
            new { key = "Api:Key", valueType = "string", defaultValue = "***", isSecret = false });
        var intSecret = await _client.PutJsonAsync($"/v1/configs/{id}",
            new { key = "Api:Key", valueType = "integer", defaultValue = "***", isSecret = true });

        Assert.Equal("k-123", (await put.JsonAsync()).GetProperty("defaultValue").GetString());
        Assert.Equal("{\"Api:Key\":\"k-123\"}", await _client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
        (await intSecret.AssertProblemAsync(400, "validation_failed")).GetProperty("errors").GetProperty("defaultValue");
    }

    [Fact]
    public async Task Write_RecordsTheCallerAsActor_IgnoresXActor_AndRecordsTheResponsesTraceId()
    {
        var app = A.Name();
        var deployBot = await host.ClientForKeyAsync("admin", name: A.Name("deploy-bot"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/applications") { Content = JsonContent.Create(A.Application(app), options: ApiHost.Json) };
        request.Headers.Add("X-Actor", "mallory");

        var response = await deployBot.SendAsync(request);

        var traceId = response.Headers.GetValues("X-Correlation-Id").Single();
        var entry = (await (await _client.GetAsync($"/v1/audit?application={app}")).JsonAsync()).GetProperty("items")[0];
        Assert.StartsWith("key:deploy-bot-", entry.GetProperty("actor").GetString());
        Assert.Equal(traceId, entry.GetProperty("correlationId").GetString());
        Assert.Equal(JsonValueKind.Object, entry.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task IncomingTraceparent_IsContinued_ButTheAuditCorrelationIdIsTheServersOwn()
    {
        // A caller may start a trace; it must not choose what audit entries are filed under (another write's id, say).
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/applications") { Content = JsonContent.Create(A.Application(), options: ApiHost.Json) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($"00-{traceId}-", response.Headers.GetValues("traceparent").Single());
        var correlationId = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual(traceId, correlationId);
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
        var audit = await (await _client.GetAsync($"/v1/audit?application={(await response.JsonAsync()).GetProperty("name").GetString()}")).JsonAsync();
        Assert.Equal(correlationId, audit.GetProperty("items")[0].GetProperty("correlationId").GetString());
    }

    private async Task<string> NewAppAsync()
    {
        var name = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(name))).EnsureSuccessStatusCode();
        return name;
    }
}

public sealed class ConfigsApiTestsOnSqlite(SqliteApiHost host) : ConfigsApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class ConfigsApiTestsOnPostgres(PostgresApiHost host) : ConfigsApiTests(host), IClassFixture<PostgresApiHost>;
