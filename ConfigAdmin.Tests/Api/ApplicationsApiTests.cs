using System.Net;
using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class ApplicationsApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Crud_HappyPath_WithETagsAndLocation()
    {
        var name = A.Name();
        var created = await _client.PostJsonAsync("/v1/applications", A.Application(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/applications/{name}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var body = await created.JsonAsync();
        Assert.EndsWith("Z", body.GetProperty("createdAt").GetString());
        Assert.Equal("team@example.com", body.GetProperty("contactEmail").GetString());

        var read = await _client.GetAsync($"/v1/applications/{name.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);

        var updated = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/applications/{name}", A.Application(name) with { Owner = "New team" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag!.Tag);
        Assert.Equal("New team", (await updated.JsonAsync()).GetProperty("owner").GetString());

        var deleted = await _client.SendJsonAsync(HttpMethod.Delete, $"/v1/applications/{name}", null, "\"2\"");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _client.GetAsync($"/v1/applications/{name}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Put_StaleIfMatchOrBodyVersion_Is412AndChangesNothing()
    {
        var name = A.Name();
        await _client.PostJsonAsync("/v1/applications", A.Application(name));
        await _client.PutJsonAsync($"/v1/applications/{name}", A.Application(name) with { Owner = "v2" });

        await (await _client.SendJsonAsync(HttpMethod.Put, $"/v1/applications/{name}", A.Application(name) with { Owner = "x" }, "\"1\""))
            .AssertProblemAsync(412, "stale_version");
        await (await _client.PutJsonAsync($"/v1/applications/{name}", A.Application(name) with { Owner = "x", Version = 1 }))
            .AssertProblemAsync(412, "stale_version");
        await (await _client.SendJsonAsync(HttpMethod.Delete, $"/v1/applications/{name}", null, "\"1\""))
            .AssertProblemAsync(412, "stale_version");
        await (await _client.SendJsonAsync(HttpMethod.Put, $"/v1/applications/{name}", A.Application(name), "not-an-etag"))
            .AssertProblemAsync(400, "validation_failed");

        Assert.Equal("v2", (await (await _client.GetAsync($"/v1/applications/{name}")).JsonAsync()).GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Post_DuplicateIgnoringCase_Is409()
    {
        var name = A.Name("Dup");
        await _client.PostJsonAsync("/v1/applications", A.Application(name));

        await (await _client.PostJsonAsync("/v1/applications", A.Application(name.ToLowerInvariant())))
            .AssertProblemAsync(409, "name_taken");
    }

    [Fact]
    public async Task Post_InvalidFields_Is400WithErrorsPerField()
    {
        var problem = await (await _client.PostJsonAsync("/v1/applications", new { name = "bad name", owner = "", contactEmail = "nope" }))
            .AssertProblemAsync(400, "validation_failed");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("owner", out _));
        Assert.True(errors.TryGetProperty("contactEmail", out _));
    }

    [Fact]
    public async Task Rename_KeepsConfigsAndHistory_AndOldNameIs404()
    {
        var name = A.Name();
        await _client.PostJsonAsync("/v1/applications", A.Application(name));
        await _client.PostJsonAsync("/v1/configs", A.Config(name, "Port", Core.Configs.ConfigValueType.Integer, "80"));
        var renamed = A.Name("renamed");

        var response = await _client.PutJsonAsync($"/v1/applications/{name}", A.Application(renamed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/v1/applications/{name}")).StatusCode);
        var config = await (await _client.GetAsync($"/v1/applications/{renamed}/config?environment=production")).JsonAsync();
        Assert.Equal(80, config.GetProperty("Port").GetInt32());
        var audit = await (await _client.GetAsync($"/v1/audit?application={renamed}")).JsonAsync();
        Assert.Equal(3, audit.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task List_PagingSortAndSearch()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var n in new[] { "b", "c", "a" }) await _client.PostJsonAsync("/v1/applications", A.Application($"{n}-{tag}"));

        var page = await (await _client.GetAsync($"/v1/applications?search={tag}&sort=-name&page=2&pageSize=2")).JsonAsync();

        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.Equal($"a-{tag}", page.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(500, (await (await _client.GetAsync("/v1/applications?pageSize=500")).JsonAsync()).GetProperty("pageSize").GetInt32());
        await (await _client.GetAsync("/v1/applications?pageSize=501")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/applications?page=0")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/applications?sort=colour")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/applications?page=abc")).AssertProblemAsync(400, "validation_failed");
    }
}

public sealed class ApplicationsApiTestsOnSqlite(SqliteApiHost host) : ApplicationsApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class ApplicationsApiTestsOnPostgres(PostgresApiHost host) : ApplicationsApiTests(host), IClassFixture<PostgresApiHost>;
