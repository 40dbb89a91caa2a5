using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Schemas;

/// <summary>
/// A database the previous release left (migrations up to ChangeRequests, rows written in its schema) migrates at start
/// with its keys, values and history; its keys have no schema, its revisions restore as before, and a schema can be
/// added to its json keys at once, checked against the values they hold.
/// </summary>
[Trait("Category", "Database")]
public sealed class SchemaUpgradeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task PreviousReleaseDatabase_Migrates_WithItsDataAndHistory_AndItsJsonKeysTakeASchema(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var (configId, changedAt) = await BuildPreviousReleaseDatabaseAsync(database);

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        var client = factory.CreateClient().WithKey();
        await client.WaitReadyAsync();

        Assert.Equal("""{"Retry":{"count":"three"}}""", await client.GetStringAsync("/v1/applications/legacy/config?environment=production"));
        Assert.Equal("""{"Retry":{"count":3}}""", await client.GetStringAsync("/v1/applications/legacy/config?environment=staging"));
        var key = await (await client.GetAsync($"/v1/configs/{configId}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, key.GetProperty("schema").ValueKind);
        var revisions = await (await client.GetAsync($"/v1/configs/{configId}/revisions")).JsonAsync();
        Assert.Equal(2, revisions.GetProperty("items").GetArrayLength());
        Assert.All(revisions.GetProperty("items").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("schema").ValueKind));

        var schema = JsonDocument.Parse("""{"properties":{"count":{"type":"integer"}}}""").RootElement;
        var refused = await client.PutJsonAsync($"/v1/configs/{configId}", new { key = "Retry", valueType = "json", defaultValue = """{"count":3}""", schema });
        var problem = await refused.AssertProblemAsync(409, "schema_violation");
        Assert.Equal("production", problem.GetProperty("violations")[0].GetProperty("environment").GetString());
        await (await client.PutJsonAsync($"/v1/configs/{configId}/overrides/production", new { value = """{"count":4}""" })).EnsureSuccessStatusCodeAsync();
        await (await client.PutJsonAsync($"/v1/configs/{configId}", new { key = "Retry", valueType = "json", defaultValue = """{"count":3}""", schema }))
            .EnsureSuccessStatusCodeAsync();

        var before = Uri.EscapeDataString(changedAt.AddSeconds(1).ToString("O"));
        Assert.Equal("""{"Retry":{"count":"three"}}""", await client.GetStringAsync($"/v1/applications/legacy/config?environment=production&at={before}"));
        await (await client.PostJsonAsync("/v1/applications/legacy/restore", new { at = changedAt.AddSeconds(1).ToString("O") })).EnsureSuccessStatusCodeAsync();
        Assert.Equal(JsonValueKind.Null, (await (await client.GetAsync($"/v1/configs/{configId}")).JsonAsync()).GetProperty("schema").ValueKind);
    }

    /// <summary>What the previous release left: migrations up to ChangeRequests; one json key (production overridden later) with both revisions.</summary>
    private static async Task<(Guid Config, DateTime ChangedAt)> BuildPreviousReleaseDatabaseAsync(TestDatabase database)
    {
        await using var db = await LegacyDatabase.MigratedToAsync(database, "_ChangeRequests");
        var created = DateTime.UtcNow.AddMinutes(-10);
        var changed = created.AddMinutes(5);
        var production = Guid.NewGuid();
        foreach (var (name, id, order) in new[] { ("development", Guid.NewGuid(), 10), ("staging", Guid.NewGuid(), 20), ("production", production, 30) })
            await db.InsertAsync("environments", new
            {
                Id = id, Name = name, Description = (string?)null, SortOrder = order, RequiredApprovals = 0, CreatedAt = created, UpdatedAt = created, Version = 1L,
            });
        var app = Guid.NewGuid();
        await db.InsertAsync("applications", new
        {
            Id = app, Name = "legacy", NormalizedName = "LEGACY", Description = (string?)null, Owner = "Old team", ContactEmail = "old@example.com",
            CreatedAt = created, UpdatedAt = created, Version = 1L,
        });
        var config = Guid.NewGuid();
        await db.InsertAsync("configs", new
        {
            Id = config, ApplicationId = app, Key = "Retry", NormalizedKey = "RETRY", ValueType = "Json", DefaultValue = """{"count":3}""",
            Description = (string?)null, IsSecret = false, CreatedAt = created, UpdatedAt = changed, Version = 2L,
        });
        await db.InsertAsync("overrides", new { ConfigId = config, EnvironmentId = production, Value = """{"count":"three"}""", UpdatedAt = changed });
        foreach (var (at, overrides, version) in new[] { (created, "{}", 1L), (changed, """{"production":"{\"count\":\"three\"}"}""", 2L) })
            await db.InsertAsync("config_revisions", new
            {
                ConfigId = config, ApplicationId = app, Key = "Retry", ValueType = "Json", DefaultValue = """{"count":3}""", Description = (string?)null,
                IsSecret = false, Overrides = overrides, Deleted = false, Baseline = false, ChangedAt = at, KeyCreatedAt = created, Version = version,
            });
        return (config, changed);
    }
}
