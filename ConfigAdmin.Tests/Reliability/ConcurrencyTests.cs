using System.Net;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>Concurrent writers through the real API: If-Match lets exactly one win, nothing is lost, every win is audited.</summary>
[Trait("Category", "Database")]
public abstract class ConcurrencyTests(ApiHost host)
{
    private const int Writers = 32;
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task SameVersion_32Writers_ExactlyOneWinsTheRestGet412()
    {
        var (app, id) = await NewKeyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            _client.SendJsonAsync(HttpMethod.Put, $"/v1/configs/{id}/overrides/production", new { value = $"{i}" }, "\"1\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var overrideEntries = await AuditCountAsync(app, "override");
        Assert.Equal(1, overrideEntries);
    }

    [Fact]
    public async Task ReadModifyWrite_32Writers_LoseNoUpdate()
    {
        var (app, id) = await NewKeyAsync();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var current = await _client.GetAsync($"/v1/configs/{id}");
                var value = long.Parse((await current.JsonAsync()).GetProperty("defaultValue").GetString()!);
                var put = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/configs/{id}",
                    new { key = "Counter", valueType = "integer", defaultValue = $"{value + 1}" }, current.Headers.ETag!.Tag);
                if (put.StatusCode == HttpStatusCode.OK) return;
                Assert.Equal(HttpStatusCode.PreconditionFailed, put.StatusCode);
            }
            Assert.Fail("a writer never got its turn");
        }));

        var final = await (await _client.GetAsync($"/v1/configs/{id}")).JsonAsync();
        Assert.Equal($"{Writers}", final.GetProperty("defaultValue").GetString());
        Assert.Equal(Writers + 1, final.GetProperty("version").GetInt64());
        Assert.Equal(Writers, await AuditCountAsync(app, "config", "updated"));
    }

    [Fact]
    public async Task SameName_32ConcurrentCreates_OneIs201TheRest409()
    {
        var name = A.Name("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            _client.PostJsonAsync("/v1/applications", A.Application(i % 2 == 0 ? name : name.ToUpperInvariant()))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await conflict.AssertProblemAsync(409, "name_taken");
        Assert.Equal(1, await AuditCountAsync(name, "application"));
    }

    private async Task<(string App, string Id)> NewKeyAsync()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var created = await _client.PostJsonAsync("/v1/configs", A.Config(app, "Counter", ConfigValueType.Integer, "0"));
        return (app, (await created.JsonAsync()).GetProperty("id").GetString()!);
    }

    private async Task<int> AuditCountAsync(string app, string entityType, string? action = null) =>
        (await (await _client.GetAsync($"/v1/audit?application={app}&entityType={entityType}{(action is null ? "" : $"&action={action}")}")).JsonAsync())
        .GetProperty("totalCount").GetInt32();
}

[Collection(LoadCollection.Name)]
public sealed class ConcurrencyTestsOnSqlite(SqliteApiHost host) : ConcurrencyTests(host), IClassFixture<SqliteApiHost>;

[Collection(LoadCollection.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresApiHost host) : ConcurrencyTests(host), IClassFixture<PostgresApiHost>;
