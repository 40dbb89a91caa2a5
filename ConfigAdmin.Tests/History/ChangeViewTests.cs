using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.History;

/// <summary>
/// The reads the change-management pages stand on, on both providers: an application's change list, a moment beside
/// now, the audit's partial application filter, one layer as text and an import that keeps unmentioned secrets.
/// </summary>
[Trait("Category", "Database")]
public abstract class ChangeViewTests(ServiceHost host)
{
    [Fact]
    public async Task Changes_EachChangeWithItsStateBefore_NewestFirst_FollowingRenamesAndDeletes()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        var key = await configs.CreateAsync(A.Config(app, "Old:Name", defaultValue: "1"));
        key = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "2" }, null);
        key = await configs.SetOverrideAsync(key.Id, "production", "p", null);
        key = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { Key = "New:Name" }, null);
        await configs.DeleteAsync(key.Id, null);
        await configs.CreateAsync(A.Config(app, "Other"));

        var history = host.Get<HistoryService>(scope);
        var all = await history.ChangesAsync(app, new ChangeQuery());
        var byOldName = await history.ChangesAsync(app, new ChangeQuery(Key: "old:NAME"));

        Assert.Equal(6, all.TotalCount);
        Assert.Equal(["created", "deleted", "updated", "updated", "updated", "created"], all.Items.Select(c => c.Kind));
        Assert.Equal(5, byOldName.TotalCount);
        Assert.All(byOldName.Items, c => Assert.Equal(key.Id, c.ConfigId));
        var rename = byOldName.Items[1];
        Assert.Equal(("Old:Name", "New:Name"), (rename.Before!.Key, rename.After.Key));
        var first = byOldName.Items[^1];
        Assert.Null(first.Before);
        Assert.Equal("1", first.After.DefaultValue);
        Assert.Equal(("1", "2"), (byOldName.Items[^2].Before!.DefaultValue, byOldName.Items[^2].After.DefaultValue));
        var page = await history.ChangesAsync(app, new ChangeQuery(Page: 2, PageSize: 4));
        Assert.Equal(all.Items.Skip(4).Select(c => c.After.Id), page.Items.Select(c => c.After.Id));
    }

    [Fact]
    public async Task Changes_EnvironmentFilter_KeepsChangesToThatOverride_SecretsMasked()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        var secret = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true,
            overrides: new() { ["staging"] = "st-secret" }));
        secret = await configs.UpdateAsync(secret.Id, secret.ToUpdateInput() with { Description = "The password" }, null);
        await configs.SetOverrideAsync(secret.Id, "production", "prod-secret", null);
        var plain = await configs.CreateAsync(A.Config(app, "Mode", defaultValue: "a"));
        await configs.SetOverrideAsync(plain.Id, "staging", "b", null);

        var staging = await host.Get<HistoryService>(scope).ChangesAsync(app, new ChangeQuery(Environment: "staging"));

        Assert.Equal([("Mode", "updated"), ("Db:Password", "created")], staging.Items.Select(c => (c.After.Key, c.Kind)));
        var created = staging.Items[1].After;
        Assert.Equal("***", created.DefaultValue);
        Assert.Equal("***", created.Overrides["staging"]);
    }

    [Fact]
    public async Task CompareToNow_SameChangedAddedRemovedAndRenamed_SecretsComparedInClearShownMasked()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        await configs.CreateAsync(A.Config(app, "Same", defaultValue: "x"));
        var changed = await configs.CreateAsync(A.Config(app, "Changed", defaultValue: "1", overrides: new() { ["production"] = "p1" }));
        var secret = await configs.CreateAsync(A.Config(app, "Secret", defaultValue: "old", secret: true));
        var removed = await configs.CreateAsync(A.Config(app, "Removed", defaultValue: "r"));
        var renamed = await configs.CreateAsync(A.Config(app, "Before", defaultValue: "n"));
        var shaped = await configs.CreateAsync(A.Config(app, "Shaped", ConfigValueType.Json, """{"n":1}"""));
        var at = await RealTime.MomentBetweenWritesAsync();
        await configs.UpdateAsync(shaped.Id, shaped.ToUpdateInput() with { Schema = """{"type":"object"}""" }, null);
        await configs.SetOverrideAsync(changed.Id, "production", "p2", null);
        await configs.UpdateAsync(secret.Id, secret.ToUpdateInput() with { DefaultValue = "new" }, null);
        await configs.DeleteAsync(removed.Id, null);
        await configs.UpdateAsync(renamed.Id, renamed.ToUpdateInput() with { Key = "After" }, null);
        await configs.CreateAsync(A.Config(app, "Added", ConfigValueType.Integer, "5"));

        var items = await host.Get<HistoryService>(scope).CompareToNowAsync(app, "production", at);

        Assert.Equal(
            [
                new MomentItem("Added", "added", null, "5", false, ConfigValueType.Integer),
                new MomentItem("After", "changed", "n", "n", false, ConfigValueType.String, ThenKey: "Before"),
                new MomentItem("Changed", "changed", "p1", "p2", false, ConfigValueType.String),
                new MomentItem("Removed", "removed", "r", null, false, ConfigValueType.String),
                new MomentItem("Same", "same", "x", "x", false, ConfigValueType.String),
                new MomentItem("Secret", "changed", "***", "***", true, ConfigValueType.String),
                new MomentItem("Shaped", "changed", """{"n":1}""", """{"n":1}""", false, ConfigValueType.Json, SchemaChanged: true),
            ],
            items);
    }

    [Fact]
    public async Task AuditApplicationSearch_MatchesPartOfTheNameIgnoringCase_RenamedAndDeletedToo()
    {
        await using var scope = host.Scope();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var apps = host.Get<ApplicationService>(scope);
        var kept = await apps.CreateAsync(A.Application($"Shop-{tag}-api"));
        var renamed = await apps.CreateAsync(A.Application($"old-{tag}"));
        await apps.UpdateAsync(renamed.Name, A.Application($"cart-{tag}"), null);
        var deleted = await apps.CreateAsync(A.Application($"gone-{tag}-x"));
        await apps.DeleteAsync(deleted.Name, null);
        await apps.CreateAsync(A.Application());

        var audit = host.Get<AuditService>(scope);
        var found = await audit.QueryAsync(new AuditQuery(ApplicationSearch: tag.ToUpperInvariant(), PageSize: 100));
        var cart = await audit.QueryAsync(new AuditQuery(ApplicationSearch: $"CART-{tag}"));

        Assert.Equal(5, found.TotalCount);
        Assert.Equal(new[] { kept.Name, $"old-{tag}", $"cart-{tag}", deleted.Name }.Order(StringComparer.Ordinal),
            found.Items.Select(e => e.Application!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, cart.TotalCount);
    }

    [Fact]
    public async Task ExportLayer_DefaultsOrOneEnvironment_LeavesSecretsOutAndNamesThem()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.Integer, "80", new() { ["production"] = "443" }));
        await configs.CreateAsync(A.Config(app, "OnlyProd", defaultValue: null, overrides: new() { ["production"] = "yes" }));
        await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "s3cret", overrides: new() { ["production"] = "p" }, secret: true));
        var transfer = host.Get<TransferService>(scope);

        var defaults = await transfer.ExportLayerAsync(app, null, "env", default);
        var production = await transfer.ExportLayerAsync(app, "production", "flat", default);

        Assert.Equal("Port=80", defaults.File.Content.Trim());
        Assert.Equal($"{app}.defaults.env", defaults.File.FileName);
        Assert.Equal("""{"OnlyProd":"yes","Port":443}""", production.File.Content.Replace("\n", "").Replace(" ", ""));
        Assert.Equal(["Db:Password"], production.SecretKeys);
        Assert.DoesNotContain("s3cret", defaults.File.Content + production.File.Content);
    }

    [Fact]
    public async Task Import_ReplaceKeepingSecrets_RoundTripsALayerAndLeavesUnmentionedSecretsAlone()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.Integer, "80", new() { ["production"] = "443" }));
        await configs.CreateAsync(A.Config(app, "Mode", defaultValue: "a", overrides: new() { ["production"] = "b" }));
        var secret = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "s3cret", overrides: new() { ["production"] = "p" }, secret: true));
        var transfer = host.Get<TransferService>(scope);
        var layer = await transfer.ExportLayerAsync(app, "production", "env", default);
        var edited = System.Text.Encoding.UTF8.GetBytes(layer.File.Content.Replace("Mode=b\n", ""));

        var roundTrip = await transfer.ImportAsync(app, new ImportRequest("env", "production", "replace", DryRun: true, KeepSecrets: true),
            System.Text.Encoding.UTF8.GetBytes(layer.File.Content));
        var applied = await transfer.ImportAsync(app, new ImportRequest("env", "production", "replace", KeepSecrets: true), edited);
        var without = await transfer.ImportAsync(app, new ImportRequest("env", "production", "replace", DryRun: true), edited);

        Assert.True(roundTrip.IsEmpty);
        Assert.Equal(["Mode"], applied.Removed);
        Assert.Equal("p", (await configs.RevealAsync(secret.Id)).Overrides["production"]);
        Assert.Equal(["Db:Password"], without.Removed);
    }

    private async Task<(string App, ConfigService Configs)> NewAppAsync(AsyncServiceScope scope)
    {
        var app = await host.Get<ApplicationService>(scope).CreateAsync(A.Application());
        return (app.Name, host.Get<ConfigService>(scope));
    }
}

public sealed class ChangeViewTestsOnSqlite(SqliteServiceHost host) : ChangeViewTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ChangeViewTestsOnPostgres(PostgresServiceHost host) : ChangeViewTests(host), IClassFixture<PostgresServiceHost>;
