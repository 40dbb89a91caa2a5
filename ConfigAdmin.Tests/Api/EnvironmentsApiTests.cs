using System.Net;
using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class EnvironmentsApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Crud_HappyPath()
    {
        var name = A.Name("qa");
        var created = await _client.PostJsonAsync("/v1/environments", new { name, description = "QA", sortOrder = 15 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/environments/{name}", created.Headers.Location!.OriginalString);

        var list = await (await _client.GetAsync("/v1/environments")).JsonAsync();
        var names = list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.True(names.IndexOf("development") < names.IndexOf(name) && names.IndexOf(name) < names.IndexOf("staging"));

        var put = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/environments/{name}", new { description = "Quality", sortOrder = 16 }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("\"2\"", put.Headers.ETag!.Tag);
        await (await _client.SendJsonAsync(HttpMethod.Put, $"/v1/environments/{name}", new { name = "renamed", sortOrder = 1 }))
            .AssertProblemAsync(400, "validation_failed");

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/v1/environments/{name}")).StatusCode);
        await (await _client.GetAsync($"/v1/environments/{name}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Delete_InUse_Is409WithTheCount()
    {
        var env = A.Name("tmp");
        await _client.PostJsonAsync("/v1/environments", new { name = env, sortOrder = 50 });
        var app = A.Name();
        await _client.PostJsonAsync("/v1/applications", A.Application(app));
        await _client.PostJsonAsync("/v1/configs", A.Config(app, overrides: new() { [env] = "v" }));

        var problem = await (await _client.DeleteAsync($"/v1/environments/{env}")).AssertProblemAsync(409, "environment_in_use");

        Assert.Contains("1 override", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_DuplicateOrBadName_Is409Or400()
    {
        await (await _client.PostJsonAsync("/v1/environments", new { name = "production" })).AssertProblemAsync(409, "name_taken");
        await (await _client.PostJsonAsync("/v1/environments", new { name = "Prod_1" })).AssertProblemAsync(400, "validation_failed");
    }
}

/// <summary>The environment list as each caller may see it, and where a new environment goes without a sort order.</summary>
[Trait("Category", "Database")]
public abstract class EnvironmentRulesApiTests(ApiHost host)
{
    [Fact]
    public async Task Post_WithoutSortOrder_ComesAfterEveryExistingEnvironment()
    {
        var name = A.Name("env");
        var before = await (await host.Client.GetAsync("/v1/environments?pageSize=500")).JsonAsync();
        var highest = before.GetProperty("items").EnumerateArray().Max(e => e.GetProperty("sortOrder").GetInt32());

        var created = await (await host.Client.PostJsonAsync("/v1/environments", new { name })).JsonAsync();

        Assert.True(created.GetProperty("sortOrder").GetInt32() > highest, created.ToString());
        var after = await (await host.Client.GetAsync("/v1/environments?pageSize=500")).JsonAsync();
        Assert.Equal(name, after.GetProperty("items").EnumerateArray().Last().GetProperty("name").GetString());
    }

    [Fact]
    public async Task List_CountsOverridesOnlyInApplicationsTheCallerMaySee()
    {
        var env = A.Name("counted");
        (await host.Client.PostJsonAsync("/v1/environments", new { name = env })).EnsureSuccessStatusCode();
        var (mine, theirs) = (A.Name("mine"), A.Name("theirs"));
        foreach (var app in new[] { mine, theirs })
        {
            (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
            (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Key", overrides: new() { [env] = "v" }))).EnsureSuccessStatusCode();
        }
        var viewer = await host.ClientForKeyAsync("viewer", [mine]);

        var seen = await (await viewer.GetAsync($"/v1/environments/{env}")).JsonAsync();
        var listed = (await (await viewer.GetAsync("/v1/environments?pageSize=500")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == env);
        var all = await (await host.Client.GetAsync($"/v1/environments/{env}")).JsonAsync();

        Assert.Equal((1, 1, 2), (seen.GetProperty("overrideCount").GetInt32(), listed.GetProperty("overrideCount").GetInt32(),
            all.GetProperty("overrideCount").GetInt32()));
    }
}

public sealed class EnvironmentRulesApiTestsOnSqlite(SqliteApiHost host) : EnvironmentRulesApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class EnvironmentRulesApiTestsOnPostgres(PostgresApiHost host) : EnvironmentRulesApiTests(host), IClassFixture<PostgresApiHost>;

public sealed class EnvironmentsApiTestsOnSqlite(SqliteApiHost host) : EnvironmentsApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class EnvironmentsApiTestsOnPostgres(PostgresApiHost host) : EnvironmentsApiTests(host), IClassFixture<PostgresApiHost>;
