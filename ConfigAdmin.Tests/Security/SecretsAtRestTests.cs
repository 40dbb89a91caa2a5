using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Data;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>A copy of the database alone reveals no secret value: not in the rows, not in the files.</summary>
[Trait("Category", "Database")]
public abstract class SecretsAtRestTests(ServiceHost host)
{
    [Fact]
    public async Task SavedSecret_IsNowhereInTheStoredBytes_AndResolvesInClear()
    {
        await using var scope = host.Scope();
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var configs = host.Get<ConfigService>(scope);
        var secret = "clear-" + Guid.NewGuid().ToString("N");
        var key = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: secret + "-default", secret: true,
            overrides: new() { ["production"] = secret + "-production" }));
        await configs.SetOverrideAsync(key.Id, "staging", secret + "-staging", null);

        await using var raw = await host.Database.OpenRawAsync();
        var bytes = Encoding.UTF8.GetString(await raw.StoredBytesAsync("configs", "overrides", "audit_entries"));
        Assert.DoesNotContain(secret, bytes);
        Assert.DoesNotContain(secret, await raw.DumpTextAsync("configs") + await raw.DumpTextAsync("overrides"));
        Assert.Contains(SecretValues.Prefix, await raw.DumpTextAsync("configs"));
        var resolution = host.Services.GetRequiredService<ResolutionService>();
        Assert.Equal($$"""{"Db:Password":"{{secret}}-production"}""",
            Encoding.UTF8.GetString((await resolution.GetDocumentAsync(app, "production", explain: false)).Body));
    }

    [Fact]
    public async Task MakingAKeySecret_EncryptsItsStoredValues_AndUnmakingItDecryptsThem()
    {
        await using var scope = host.Scope();
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var configs = host.Get<ConfigService>(scope);
        var value = "plain-" + Guid.NewGuid().ToString("N");
        var key = await configs.CreateAsync(A.Config(app, "Token", defaultValue: value, overrides: new() { ["staging"] = value + "-s" }));
        await using var raw = await host.Database.OpenRawAsync();
        Assert.Contains(value, await raw.DumpTextAsync("configs"));

        var secret = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = true }, null);
        Assert.DoesNotContain(value, await raw.DumpTextAsync("configs") + await raw.DumpTextAsync("overrides"));

        await configs.UpdateAsync(key.Id, secret.ToUpdateInput() with { IsSecret = false }, null);
        Assert.Contains(value + "-s", await raw.DumpTextAsync("overrides"));
        Assert.Equal(value, (await configs.GetAsync(key.Id)).DefaultValue);
    }
}

public sealed class SecretsAtRestTestsOnSqlite(SqliteServiceHost host) : SecretsAtRestTests(host), IClassFixture<SqliteServiceHost>;

public sealed class SecretsAtRestTestsOnPostgres(PostgresServiceHost host) : SecretsAtRestTests(host), IClassFixture<PostgresServiceHost>;

/// <summary>
/// Upgrading from milestone 1: a database built by its migrations alone, holding a secret in clear, starts with this
/// version — migrated, the secret encrypted (not in the files any more), every value still served.
/// </summary>
[Trait("Category", "Database")]
public sealed class SecretsUpgradeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task MilestoneOneDatabase_WithAClearSecret_IsEncryptedByTheUpgrade_AndLosesNothing(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var secret = "m1-clear-" + Guid.NewGuid().ToString("N");
        await BuildMilestoneOneDatabaseAsync(database, secret);
        await using (var before = await database.OpenRawAsync())
            Assert.Contains(secret, Encoding.UTF8.GetString(await before.StoredBytesAsync("configs", "overrides")));

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        var client = factory.CreateClient().WithKey();
        await client.WaitReadyAsync();

        Assert.Equal($$"""{"Db:Password":"{{secret}}-production","Port":5432}""",
            await client.GetStringAsync("/v1/applications/legacy/config?environment=production"));
        Assert.Equal($$"""{"Db:Password":"{{secret}}-default","Port":5432}""",
            await client.GetStringAsync("/v1/applications/legacy/config?environment=staging"));
        Assert.Equal(1, (await (await client.GetAsync("/v1/audit?application=legacy&entityType=config")).JsonAsync()).GetProperty("totalCount").GetInt32());
        await using var after = await database.OpenRawAsync();
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(await after.StoredBytesAsync("configs", "overrides", "config_revisions")));

        // Every key got a first revision at the upgrade: history works from then on, and says where it starts.
        var configs = await (await client.GetAsync("/v1/configs?application=legacy")).JsonAsync();
        foreach (var key in configs.GetProperty("items").EnumerateArray())
            Assert.Equal(1, (await (await client.GetAsync($"/v1/configs/{key.GetProperty("id").GetString()}/revisions")).JsonAsync()).GetProperty("items").GetArrayLength());
        var now = DateTimeOffset.UtcNow.ToString("O");
        Assert.Equal($$"""{"Db:Password":"{{secret}}-production","Port":5432}""",
            await client.GetStringAsync($"/v1/applications/legacy/config?environment=production&at={Uri.EscapeDataString(now)}"));
        var beforeUpgrade = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O");
        var problem = await (await client.GetAsync($"/v1/applications/legacy/config?environment=production&at={Uri.EscapeDataString(beforeUpgrade)}"))
            .AssertProblemAsync(404, "not_found");
        Assert.Contains("history starts", problem.GetProperty("detail").GetString());
    }

    /// <summary>What milestone 1 left: its migrations only, and a secret key stored in clear, as it stored them.</summary>
    private static async Task BuildMilestoneOneDatabaseAsync(TestDatabase database, string secret)
    {
        await using var db = await LegacyDatabase.MigratedToAsync(database, "_Initial");
        var now = DateTime.UtcNow;
        var production = Guid.NewGuid();
        foreach (var (name, id, order) in new[] { ("development", Guid.NewGuid(), 10), ("staging", Guid.NewGuid(), 20), ("production", production, 30) })
            await db.InsertAsync("environments", new { Id = id, Name = name, Description = (string?)null, SortOrder = order, CreatedAt = now, UpdatedAt = now, Version = 1L });
        var app = Guid.NewGuid();
        await db.InsertAsync("applications", new
        {
            Id = app, Name = "legacy", NormalizedName = "LEGACY", Description = (string?)null, Owner = "Old team", ContactEmail = "old@example.com",
            CreatedAt = now, UpdatedAt = now, Version = 1L,
        });
        var password = Guid.NewGuid();
        await db.InsertAsync("configs", new
        {
            Id = password, ApplicationId = app, Key = "Db:Password", NormalizedKey = "DB:PASSWORD", ValueType = "String",
            DefaultValue = secret + "-default", Description = (string?)null, IsSecret = true, CreatedAt = now, UpdatedAt = now, Version = 1L,
        });
        await db.InsertAsync("overrides", new { ConfigId = password, EnvironmentId = production, Value = secret + "-production", UpdatedAt = now });
        await db.InsertAsync("configs", new
        {
            Id = Guid.NewGuid(), ApplicationId = app, Key = "Port", NormalizedKey = "PORT", ValueType = "Integer", DefaultValue = "5432",
            Description = (string?)null, IsSecret = false, CreatedAt = now, UpdatedAt = now, Version = 1L,
        });
        await db.InsertAsync("audit_entries", new
        {
            OccurredAt = now, Actor = "api", Action = "Created", EntityType = "Config", ApplicationId = (Guid?)app, ApplicationName = "legacy",
            Key = "Db:Password", Environment = (string?)null, Before = (string?)null, After = """{"defaultValue":"***"}""", CorrelationId = "m1",
        });
    }
}
