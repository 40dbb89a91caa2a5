using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// A database the previous release (milestone 2) left - its migrations only, with an application, keys, overrides,
/// revisions and audit entries as it wrote them - migrates at start and loses nothing; its environments start
/// unprotected and change requests work on it at once.
/// </summary>
[Trait("Category", "Database")]
public sealed class MilestoneTwoUpgradeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task MilestoneTwoDatabase_Migrates_WithItsDataAndHistory_AndTakesChangeRequests(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var (configId, changedAt) = await BuildMilestoneTwoDatabaseAsync(database);

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        var client = factory.CreateClient().WithKey();
        await client.WaitReadyAsync();

        Assert.Equal("""{"Timeout":10}""", await client.GetStringAsync("/v1/applications/legacy/config?environment=production"));
        Assert.Equal("""{"Timeout":30}""", await client.GetStringAsync("/v1/applications/legacy/config?environment=staging"));
        var revisions = await (await client.GetAsync($"/v1/configs/{configId}/revisions")).JsonAsync();
        Assert.Equal(2, revisions.GetProperty("items").GetArrayLength());
        Assert.Equal("""{"Timeout":30}""", await client.GetStringAsync(
            $"/v1/applications/legacy/config?environment=production&at={Uri.EscapeDataString(changedAt.AddSeconds(-1).ToString("O"))}"));
        var audit = await (await client.GetAsync("/v1/audit?application=legacy")).JsonAsync();
        Assert.Equal(2, audit.GetProperty("totalCount").GetInt32());
        var environments = await (await client.GetAsync("/v1/environments")).JsonAsync();
        Assert.All(environments.GetProperty("items").EnumerateArray(), e => Assert.Equal(0, e.GetProperty("requiredApprovals").GetInt32()));

        await (await client.PutJsonAsync("/v1/environments/production", new { name = "production", sortOrder = 30, requiredApprovals = 1 }))
            .EnsureSuccessStatusCodeAsync();
        await (await client.PutJsonAsync($"/v1/configs/{configId}/overrides/production", new { value = "12" })).AssertProblemAsync(409, "approval_required");
        var filed = await client.PostJsonAsync("/v1/applications/legacy/change-requests",
            new { title = "After the upgrade", operations = new[] { new { op = "setOverride", key = "Timeout", environment = "production", value = "12" } } });
        Assert.Equal(System.Net.HttpStatusCode.Created, filed.StatusCode);
    }

    /// <summary>What milestone 2 left: migrations up to Revisions; one key created (30, production 10 later), with both revisions.</summary>
    private static async Task<(Guid Config, DateTime ChangedAt)> BuildMilestoneTwoDatabaseAsync(TestDatabase database)
    {
        await using var db = await LegacyDatabase.MigratedToAsync(database, "_Revisions");
        var created = DateTime.UtcNow.AddMinutes(-10);
        var changed = created.AddMinutes(5);
        var production = Guid.NewGuid();
        foreach (var (name, id, order) in new[] { ("development", Guid.NewGuid(), 10), ("staging", Guid.NewGuid(), 20), ("production", production, 30) })
            await db.InsertAsync("environments", new { Id = id, Name = name, Description = (string?)null, SortOrder = order, CreatedAt = created, UpdatedAt = created, Version = 1L });
        var app = Guid.NewGuid();
        await db.InsertAsync("applications", new
        {
            Id = app, Name = "legacy", NormalizedName = "LEGACY", Description = (string?)null, Owner = "Old team", ContactEmail = "old@example.com",
            CreatedAt = created, UpdatedAt = created, Version = 2L,
        });
        var config = Guid.NewGuid();
        await db.InsertAsync("configs", new
        {
            Id = config, ApplicationId = app, Key = "Timeout", NormalizedKey = "TIMEOUT", ValueType = "Integer", DefaultValue = "30",
            Description = (string?)null, IsSecret = false, CreatedAt = created, UpdatedAt = changed, Version = 2L,
        });
        await db.InsertAsync("overrides", new { ConfigId = config, EnvironmentId = production, Value = "10", UpdatedAt = changed });
        foreach (var (at, overrides, version) in new[] { (created, "{}", 1L), (changed, """{"production":"10"}""", 2L) })
            await db.InsertAsync("config_revisions", new
            {
                ConfigId = config, ApplicationId = app, Key = "Timeout", ValueType = "Integer", DefaultValue = "30", Description = (string?)null,
                IsSecret = false, Overrides = overrides, Deleted = false, Baseline = false, ChangedAt = at, KeyCreatedAt = created, Version = version,
            });
        foreach (var (at, type, environment) in new[] { (created, "Config", (string?)null), (changed, "Override", "production") })
            await db.InsertAsync("audit_entries", new
            {
                OccurredAt = at, Actor = "key:ci", Action = "Created", EntityType = type, ApplicationId = (Guid?)app, ApplicationName = "legacy",
                Key = "Timeout", Environment = environment, Before = (string?)null, After = """{"value":"x"}""", CorrelationId = "m2",
            });
        return (config, changed);
    }
}
