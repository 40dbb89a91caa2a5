using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

/// <summary>GET /v1/search: the same search as the /search page, for scripts.</summary>
[Trait("Category", "Database")]
public abstract class SearchApiTests(ApiHost host)
{
    [Fact]
    public async Task Search_FindsKeysWithWhereTheyMatched_AndNeverASecretValue()
    {
        var term = "t" + Guid.NewGuid().ToString("N")[..10];
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Plain", defaultValue: $"{term}-value"))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Hidden", defaultValue: $"{term}-secret", secret: true))).EnsureSuccessStatusCode();

        var response = await host.Client.GetAsync($"/v1/search?q={term}&pageSize=10");
        var body = await response.Content.ReadAsStringAsync();

        await response.EnsureSuccessStatusCodeAsync();
        var page = await response.JsonAsync();
        Assert.Equal(1, page.GetProperty("totalCount").GetInt32());
        var hit = page.GetProperty("items")[0];
        Assert.Equal((app, "Plain"), (hit.GetProperty("application").GetString(), hit.GetProperty("key").GetString()));
        Assert.Equal("default", hit.GetProperty("matchedIn")[0].GetString());
        Assert.Equal($"{term}-value", hit.GetProperty("values")[0].GetProperty("value").GetString());
        Assert.DoesNotContain("-secret", body);
    }

    [Fact]
    public async Task Search_WithoutQ_IsAValidationProblem()
    {
        var problem = await (await host.Client.GetAsync("/v1/search")).AssertProblemAsync(400, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _) || problem.GetProperty("errors").TryGetProperty("Q", out _),
            problem.ToString());
    }
}

public sealed class SearchApiTestsOnSqlite(SqliteApiHost host) : SearchApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class SearchApiTestsOnPostgres(PostgresApiHost host) : SearchApiTests(host), IClassFixture<PostgresApiHost>;
