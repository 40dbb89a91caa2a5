using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// An application outside the caller's scope answers exactly as one that does not exist, on every route that names
/// one: the 404 never echoes its stored spelling, whatever case the caller asked in.
/// </summary>
[Trait("Category", "Database")]
public abstract class NotFoundProbingTests(ApiHost host)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/v1/applications/{0}" },
        { "PUT", "/v1/applications/{0}" },
        { "DELETE", "/v1/applications/{0}" },
        { "GET", "/v1/applications/{0}/config?environment=production" },
        { "GET", "/v1/applications/{0}/config?environment=production&at=2020-01-01T00:00:00Z" },
        { "GET", "/v1/applications/{0}/config/stream?environment=production" },
        { "GET", "/v1/applications/{0}/clients" },
        { "GET", "/v1/configs?application={0}" },
        { "GET", "/v1/configs?application={0}&at=2020-01-01T00:00:00Z" },
        { "POST", "/v1/configs" },
        { "GET", "/v1/applications/{0}/compare?from=staging&to=production" },
        { "POST", "/v1/applications/{0}/promote" },
        { "POST", "/v1/applications/{0}/restore" },
        { "GET", "/v1/applications/{0}/export?environment=production&format=env" },
        { "POST", "/v1/applications/{0}/import?format=env" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OutOfScopeApplication_AnswersTheSame404AsAMissingOne(string method, string route)
    {
        var hidden = A.Name("Hidden");
        var visible = A.Name("visible");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(hidden))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(visible))).EnsureSuccessStatusCode();
        var outsider = await host.ClientForKeyAsync("admin", [visible]);
        var asked = hidden.ToLowerInvariant();
        var missing = A.Name("hidden");

        var outOfScope = await outsider.SendAsync(Request(method, route, asked));
        var absent = await outsider.SendAsync(Request(method, route, missing));

        var a = await outOfScope.AssertProblemAsync(404, "not_found");
        var b = await absent.AssertProblemAsync(404, "not_found");
        Assert.DoesNotContain(hidden, a.ToString());
        Assert.Equal(b.GetProperty("detail").GetString()!.Replace(missing, asked), a.GetProperty("detail").GetString());
        Assert.Equal(b.GetProperty("title").GetString(), a.GetProperty("title").GetString());
    }

    private static HttpRequestMessage Request(string method, string route, string application)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), string.Format(route, application));
        request.Content = (method, route) switch
        {
            ("PUT", _) => System.Net.Http.Json.JsonContent.Create(A.Application(application), options: ApiHost.Json),
            ("POST", "/v1/configs") => System.Net.Http.Json.JsonContent.Create(A.Config(application, "Key"), options: ApiHost.Json),
            ("POST", var r) when r.Contains("promote") => System.Net.Http.Json.JsonContent.Create(new { from = "staging", to = "production", keys = new[] { "Key" } }),
            ("POST", var r) when r.Contains("restore") => System.Net.Http.Json.JsonContent.Create(new { at = "2020-01-01T00:00:00Z" }),
            ("POST", _) => new StringContent("Key=value\n"),
            _ => null,
        };
        return request;
    }
}

public sealed class NotFoundProbingTestsOnSqlite(SqliteApiHost host) : NotFoundProbingTests(host), IClassFixture<SqliteApiHost>;

public sealed class NotFoundProbingTestsOnPostgres(PostgresApiHost host) : NotFoundProbingTests(host), IClassFixture<PostgresApiHost>;
