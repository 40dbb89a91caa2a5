using System.Net;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// Every way secret values leave in clear through the admin surface is a deliberate POST or an audited export: a GET
/// link cannot reveal, an export with secrets writes one <c>revealed</c> entry per secret key, and nothing is cached.
/// </summary>
[Trait("Category", "Database")]
public abstract class RevealTests(ApiHost host)
{
    [Fact]
    public async Task Reveal_IsAPost_AndAGetWithRevealTrueIsRefused()
    {
        var (app, id) = await SecretKeyAsync();

        var get = await host.Client.GetAsync($"/v1/configs/{id}?reveal=true");
        var post = await host.Client.PostAsync($"/v1/configs/{id}/reveal", null);

        var problem = await get.AssertProblemAsync(400, "validation_failed");
        Assert.Contains($"POST /v1/configs/{id}/reveal", problem.GetProperty("errors").GetProperty("reveal")[0].GetString());
        await post.EnsureSuccessStatusCodeAsync();
        Assert.Equal("s3cret", (await post.JsonAsync()).GetProperty("defaultValue").GetString());
        Assert.True(post.Headers.CacheControl!.NoStore && post.Headers.CacheControl.Private);
        Assert.Single(await RevealedAsync(app));
    }

    [Fact]
    public async Task ExportWithSecrets_IsAuditedAsRevealed_OnePerSecretKey_AndNeverCached()
    {
        var (app, _) = await SecretKeyAsync();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Api:Token", defaultValue: "t0ken", secret: true))).EnsureSuccessStatusCode();

        var plain = await host.Client.GetAsync($"/v1/applications/{app}/export?environment=production&format=env");
        Assert.Empty(await RevealedAsync(app));
        var whole = await host.Client.GetAsync($"/v1/applications/{app}/export?format=configadmin&includeSecrets=true");
        var flat = await host.Client.GetAsync($"/v1/applications/{app}/export?environment=production&format=env&includeSecrets=true");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Contains("s3cret", await whole.Content.ReadAsStringAsync());
        Assert.True(whole.Headers.CacheControl!.NoStore && flat.Headers.CacheControl!.NoStore);
        var entries = await RevealedAsync(app);
        Assert.Equal(["Api:Token", "Api:Token", "Db:Password", "Db:Password"], entries.Select(e => e.Key).Order());
        Assert.Equal(2, entries.Count(e => e.Environment == "production"));
    }

    private async Task<(string App, string Id)> SecretKeyAsync()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var created = await (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true))).JsonAsync();
        return (app, created.GetProperty("id").GetString()!);
    }

    private async Task<List<(string? Key, string? Environment)>> RevealedAsync(string app)
    {
        var page = await (await host.Client.GetAsync($"/v1/audit?application={app}&action=revealed")).JsonAsync();
        return page.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("key").GetString(), e.GetProperty("environment").GetString())).ToList();
    }
}

public sealed class RevealTestsOnSqlite(SqliteApiHost host) : RevealTests(host), IClassFixture<SqliteApiHost>;

public sealed class RevealTestsOnPostgres(PostgresApiHost host) : RevealTests(host), IClassFixture<PostgresApiHost>;
