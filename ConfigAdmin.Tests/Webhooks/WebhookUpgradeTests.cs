using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// A database the previous release left (its migrations only, a key written in its schema) migrates at start, and a
/// change to that key reaches a webhook registered afterwards.
/// </summary>
[Trait("Category", "Database")]
public sealed class WebhookUpgradeTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task APreviousReleasesDatabase_Migrates_AndItsChangesReachWebhooks(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var config = await BuildPreviousReleaseAsync(database);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseSetting("Webhooks:AllowPrivateTargets", "true");
            b.ConfigureTestServices(s => s.AddSingleton<Core.Webhooks.IWebhookResolver>(new LoopbackOnlyResolver()));
        });
        var client = factory.CreateClient().WithKey();
        await client.WaitReadyAsync();

        var webhook = await (await client.PostJsonAsync("/v1/webhooks",
            new { url = receiver.Url, events = new[] { "config.changed" }, applications = new[] { "legacy" } })).JsonAsync();
        await (await client.PutJsonAsync($"/v1/configs/{config}/overrides/staging", new { value = "25" })).EnsureSuccessStatusCodeAsync();

        var received = Assert.Single(await receiver.WaitForCountAsync(1));
        Assert.True(received.IsSignedWith(webhook.GetProperty("secret").GetString()!));
        var change = received.Data.GetProperty("changes")[0];
        Assert.Equal(("Timeout", "30", "25"), (change.GetProperty("key").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
        await Eventually.Async(async () => (await (await client.GetAsync($"/v1/webhooks/{webhook.GetProperty("id").GetString()}/deliveries")).JsonAsync())
            .GetProperty("items").GetArrayLength(), n => n == 1, TimeSpan.FromSeconds(10));
    }

    /// <summary>What the previous release (milestone 2) left: its migrations only, one application with one key, as it wrote them.</summary>
    private static async Task<Guid> BuildPreviousReleaseAsync(TestDatabase database)
    {
        await using var db = await LegacyDatabase.MigratedToAsync(database, "_Revisions");
        var at = DateTime.UtcNow.AddMinutes(-10);
        foreach (var (name, order) in new[] { ("development", 10), ("staging", 20), ("production", 30) })
            await db.InsertAsync("environments", new { Id = Guid.NewGuid(), Name = name, Description = (string?)null, SortOrder = order, CreatedAt = at, UpdatedAt = at, Version = 1L });
        var app = Guid.NewGuid();
        await db.InsertAsync("applications", new
        {
            Id = app, Name = "legacy", NormalizedName = "LEGACY", Description = (string?)null, Owner = "Old team", ContactEmail = "old@example.com",
            CreatedAt = at, UpdatedAt = at, Version = 1L,
        });
        var config = Guid.NewGuid();
        await db.InsertAsync("configs", new
        {
            Id = config, ApplicationId = app, Key = "Timeout", NormalizedKey = "TIMEOUT", ValueType = "Integer", DefaultValue = "30",
            Description = (string?)null, IsSecret = false, CreatedAt = at, UpdatedAt = at, Version = 1L,
        });
        await db.InsertAsync("config_revisions", new
        {
            ConfigId = config, ApplicationId = app, Key = "Timeout", ValueType = "Integer", DefaultValue = "30", Description = (string?)null,
            IsSecret = false, Overrides = "{}", Deleted = false, Baseline = false, ChangedAt = at, KeyCreatedAt = at, Version = 1L,
        });
        return config;
    }
}
