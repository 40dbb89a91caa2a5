using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Security;

/// <summary>Who gets what from the client read: secrets by role, environments by key, revocation at once (fast path too).</summary>
[Trait("Category", "Database")]
public abstract class ClientReadAccessTests(ApiHost host)
{
    [Fact]
    public async Task Secrets_ClearForClientEditorAdmin_MaskedForAViewer()
    {
        var app = await AppWithSecretAsync();
        var url = $"/v1/applications/{app}/config?environment=production";

        foreach (var role in new[] { "client", "editor", "admin" })
            Assert.Equal("""{"Db:Password":"s3cret","Port":5432}""", await (await host.ClientForKeyAsync(role)).GetStringAsync(url));
        Assert.Equal("""{"Db:Password":"***","Port":5432}""", await (await host.ClientForKeyAsync("viewer")).GetStringAsync(url));
    }

    [Fact]
    public async Task ClientKey_LimitedToEnvironments_Is403Elsewhere_AndAnotherApplicationIs404()
    {
        var app = await AppWithSecretAsync();
        var other = await AppWithSecretAsync();
        var client = await host.ClientForKeyAsync("client", [app], ["staging"]);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/applications/{app}/config?environment=staging")).StatusCode);
        await (await client.GetAsync($"/v1/applications/{app}/config?environment=production")).AssertProblemAsync(403, "forbidden");
        await (await client.GetAsync($"/v1/applications/{other}/config?environment=staging")).AssertProblemAsync(404, "not_found");
        // A client key reads resolved configuration and nothing else.
        await (await client.GetAsync($"/v1/configs?application={app}")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task RevokedKey_IsRefusedOnTheNextRequest_EvenWhenTheDocumentIsCached()
    {
        var app = await AppWithSecretAsync();
        var url = $"/v1/applications/{app}/config?environment=production";
        var created = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("ci"), role = "client", applications = new[] { app } })).JsonAsync();
        var client = host.ClientWith(created.GetProperty("secret").GetString());
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode); // cached, served by the fast path

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}")).StatusCode);

        var refused = await client.GetAsync(url);
        await refused.AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task UnknownOrMalformedBearer_Is401_AndNoBearerIs401WithTheChallenge()
    {
        var app = await AppWithSecretAsync();
        var url = $"/v1/applications/{app}/config?environment=production";

        await (await host.ClientWith("ca_" + new string('x', 43)).GetAsync(url)).AssertProblemAsync(401, "unauthenticated");
        await (await host.ClientWith("not-a-key").GetAsync(url)).AssertProblemAsync(401, "unauthenticated");
        var anonymous = await host.ClientWith(null).GetAsync(url);
        await anonymous.AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task KeyCreation_ShowsTheSecretOnce_StoresOnlyAHash_AndRecordsLastUse()
    {
        var created = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("once"), role = "viewer", applications = new[] { "*" } })).JsonAsync();
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("id").GetString();

        Assert.Matches("^ca_[A-Za-z0-9_-]{43}$", secret);
        var read = await (await host.Client.GetAsync($"/v1/api-keys/{id}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("secret").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("lastUsedAt").ValueKind);
        await using var db = await host.Database.OpenRawAsync();
        var stored = await db.ScalarAsync<string>($"SELECT \"Hint\" FROM api_keys WHERE \"Name\" = '{created.GetProperty("name").GetString()}'");
        Assert.DoesNotContain(secret, await db.DumpTextAsync("api_keys"));
        Assert.Equal(secret[..7] + "…", stored);

        await host.ClientWith(secret).GetAsync("/v1/applications");
        var used = await (await host.Client.GetAsync($"/v1/api-keys/{id}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.String, used.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task Document_WithSecretsInClear_IsPrivateNoStore_AndOtherwiseNoCache()
    {
        var app = await AppWithSecretAsync();
        var url = $"/v1/applications/{app}/config?environment=production";
        var viewer = await host.ClientForKeyAsync("viewer", [app]);

        foreach (var read in new[] { await host.Client.GetAsync(url), await host.Client.GetAsync(url) }) // a miss, then the fast path
            Assert.Equal("no-store, private", string.Join(", ", read.Headers.CacheControl!.ToString().Split(", ").Order()));
        Assert.Equal("no-cache", (await viewer.GetAsync(url)).Headers.CacheControl!.ToString());
    }

    private async Task<string> AppWithSecretAsync()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Port", Core.Configs.ConfigValueType.Integer, "5432"))).EnsureSuccessStatusCode();
        return app;
    }
}

public sealed class ClientReadAccessTestsOnSqlite(SqliteApiHost host) : ClientReadAccessTests(host), IClassFixture<SqliteApiHost>;

public sealed class ClientReadAccessTestsOnPostgres(PostgresApiHost host) : ClientReadAccessTests(host), IClassFixture<PostgresApiHost>;

/// <summary>With <c>Security:AnonymousClientReads</c> on, anyone reads non-secret keys, and secret keys are left out.</summary>
[Trait("Category", "Database")]
public sealed class AnonymousClientReadTests(AnonymousClientReadTests.Host host) : IClassFixture<AnonymousClientReadTests.Host>
{
    [Fact]
    public async Task AnonymousRead_LeavesSecretKeysOut_OnTheFastPathToo()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true))).EnsureSuccessStatusCode();
        (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Port", Core.Configs.ConfigValueType.Integer, "5432"))).EnsureSuccessStatusCode();
        var anonymous = host.ClientWith(null);
        var url = $"/v1/applications/{app}/config?environment=production";

        Assert.Equal("""{"Port":5432}""", await anonymous.GetStringAsync(url));
        Assert.Equal("""{"Port":5432}""", await anonymous.GetStringAsync(url));
        Assert.Equal("""{"Db:Password":"s3cret","Port":5432}""", await host.Client.GetStringAsync(url));
        await (await anonymous.GetAsync("/v1/applications")).AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task RevokedOrUnknownBearer_Gets401_NotTheAnonymousView()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var created = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("gone"), role = "client", applications = new[] { app } })).JsonAsync();
        var revoked = host.ClientWith(created.GetProperty("secret").GetString());
        var url = $"/v1/applications/{app}/config?environment=production";
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync(url)).StatusCode);
        (await host.Client.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();

        foreach (var caller in new[] { revoked, host.ClientWith("ca_" + new string('x', 43)) })
        {
            await (await caller.GetAsync(url)).AssertProblemAsync(401, "unauthenticated");
            await (await caller.GetAsync($"/v1/applications/{app}/config/stream?environment=production")).AssertProblemAsync(401, "unauthenticated");
        }
        Assert.Equal(HttpStatusCode.OK, (await host.ClientWith(null).GetAsync(url)).StatusCode);
    }

    public sealed class Host() : ApiHost(Provider.Sqlite)
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Security:AnonymousClientReads", "true");
    }
}
