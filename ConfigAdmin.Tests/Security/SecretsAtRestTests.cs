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
[Trait("Category", "Security")]
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
[Trait("Category", "Security")]
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
        var services = new ServiceCollection().AddLogging()
            .AddConfigAdminData(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build(), database.Folder)
            .BuildServiceProvider();
        await using var _ = services;
        await using var db = (ConfigAdminContext)await services.GetRequiredService<Core.Common.IConfigAdminDbFactory>().CreateAsync();
        var milestoneOne = db.Database.GetMigrations().First();
        await db.GetService<IMigrator>().MigrateAsync(milestoneOne);

        var now = DateTime.UtcNow;
        var environments = new[] { "development", "staging", "production" }
            .Select((name, i) => new ConfigEnvironment { Name = name, SortOrder = (i + 1) * 10, CreatedAt = now, UpdatedAt = now }).ToList();
        var app = new Application { Name = "legacy", Owner = "Old team", ContactEmail = "old@example.com", CreatedAt = now, UpdatedAt = now };
        var password = new ConfigKey
        {
            Application = app, Key = "Db:Password", ValueType = ConfigValueType.String, DefaultValue = secret + "-default", IsSecret = true,
            CreatedAt = now, UpdatedAt = now,
            Overrides = [new ConfigOverride { Environment = environments[2], Value = secret + "-production", UpdatedAt = now }],
        };
        var port = new ConfigKey { Application = app, Key = "Port", ValueType = ConfigValueType.Integer, DefaultValue = "5432", CreatedAt = now, UpdatedAt = now };
        db.AddRange(environments);
        db.AddRange(app, password, port);
        db.AuditEntries.Add(new Core.Audit.AuditEntry
        {
            OccurredAt = now, Actor = "api", Action = Core.Audit.AuditAction.Created, EntityType = Core.Audit.AuditEntityType.Config,
            ApplicationId = app.Id, ApplicationName = "legacy", Key = "Db:Password", After = """{"defaultValue":"***"}""", CorrelationId = "m1",
        });
        await db.SaveChangesAsync();
    }
}
