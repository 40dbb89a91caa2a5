using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class AuditApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Query_FiltersNewestFirst_FromInclusiveToExclusive()
    {
        var app = A.Name();
        var start = DateTime.UtcNow.AddSeconds(-1);
        var carol = await host.ClientForKeyAsync("admin");
        var dave = A.Name("dave");
        await carol.PostJsonAsync("/v1/applications", A.Application(app));
        await (await host.ClientForKeyAsync("editor", name: dave)).PostJsonAsync("/v1/configs", A.Config(app, "K", overrides: new() { ["staging"] = "s" }));

        var all = await (await _client.GetAsync($"/v1/audit?application={app}")).JsonAsync();
        var byActor = await (await _client.GetAsync($"/v1/audit?application={app}&actor=key:{dave}")).JsonAsync();
        var overrides = await (await _client.GetAsync($"/v1/audit?application={app}&entityType=override&environment=staging&key=k")).JsonAsync();
        var created = await (await _client.GetAsync($"/v1/audit?application={app}&action=created&from={start:O}")).JsonAsync();
        var before = await (await _client.GetAsync($"/v1/audit?application={app}&to={start:O}")).JsonAsync();

        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal("override", all.GetProperty("items")[0].GetProperty("entityType").GetString());
        Assert.Equal("application", all.GetProperty("items")[2].GetProperty("entityType").GetString());
        Assert.Equal(2, byActor.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, overrides.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, created.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, before.GetProperty("totalCount").GetInt32());
    }
}

public sealed class AuditApiTestsOnSqlite(SqliteApiHost host) : AuditApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class AuditApiTestsOnPostgres(PostgresApiHost host) : AuditApiTests(host), IClassFixture<PostgresApiHost>;
