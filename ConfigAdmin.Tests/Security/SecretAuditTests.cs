using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// A value that was secret at any moment an audit entry covers is "***" in it: every path that can make a key public
/// again (update, revert, restore, import) leaves the key's former secret values out of the raw audit table.
/// </summary>
[Trait("Category", "Database")]
public abstract class SecretAuditTests(ServiceHost host)
{
    [Fact]
    public async Task MakingAKeyPublicByUpdate_LeavesItsSecretValuesOutOfTheAudit()
    {
        var (app, key, secrets) = await SecretKeyAsync();
        await using var scope = host.Scope();
        var configs = host.Get<ConfigService>(scope);
        var current = await configs.GetAsync(key);
        await configs.UpdateAsync(key, current.ToUpdateInput() with { IsSecret = false, DefaultValue = "public-default" }, null);

        await AssertNotInAuditAsync(app, secrets);
    }

    [Fact]
    public async Task MakingAKeyPublicByRevert_LeavesItsSecretValuesOutOfTheAudit()
    {
        var (app, key, secrets) = await SecretKeyAsync();
        await using var scope = host.Scope();
        var history = host.Get<HistoryService>(scope);
        var madeSecret = (await history.RevisionsAsync(key)).Where(r => r.IsSecret).MinBy(r => r.Id)!.Id;

        var diff = await history.RevertAsync(key, madeSecret, dryRun: false);

        Assert.NotEmpty(diff.Changed);
        await AssertNotInAuditAsync(app, secrets, diff);
    }

    [Fact]
    public async Task MakingAKeyPublicByRestore_LeavesItsSecretValuesOutOfTheAudit()
    {
        var (app, _, secrets, beforeSecret) = await SecretKeyWithMomentAsync();
        await using var scope = host.Scope();

        var preview = await host.Get<HistoryService>(scope).RestoreAsync(app, new RestoreInput(beforeSecret, DryRun: true));
        var diff = await host.Get<HistoryService>(scope).RestoreAsync(app, new RestoreInput(beforeSecret));

        Assert.NotEmpty(diff.Changed);
        await AssertNotInAuditAsync(app, secrets, diff, preview);
    }

    [Fact]
    public async Task MakingAKeyPublicByImport_LeavesItsSecretValuesOutOfTheAudit()
    {
        var (app, _, secrets) = await SecretKeyAsync();
        await using var scope = host.Scope();
        var transfer = host.Get<TransferService>(scope);
        var file = $$"""
            { "format": "configadmin", "version": 1,
              "application": { "name": "{{app}}", "description": "", "owner": "Test team", "contactEmail": "team@example.com" },
              "keys": [ { "key": "Db:Password", "valueType": "string", "description": null, "isSecret": false,
                          "defaultValue": "public-default", "overrides": { "staging": "public-staging" } } ] }
            """;

        var preview = await transfer.ImportAsync(app, new ImportRequest("configadmin", Mode: "replace", DryRun: true), Encoding.UTF8.GetBytes(file));
        var diff = await transfer.ImportAsync(app, new ImportRequest("configadmin", Mode: "replace"), Encoding.UTF8.GetBytes(file));

        Assert.NotEmpty(diff.Changed);
        await AssertNotInAuditAsync(app, secrets, diff, preview);
    }

    /// <summary>A key that was public, then made secret with new values in its default and two environments.</summary>
    private async Task<(string App, Guid Key, string[] Secrets)> SecretKeyAsync()
    {
        var (app, key, secrets, _) = await SecretKeyWithMomentAsync();
        return (app, key, secrets);
    }

    private async Task<(string App, Guid Key, string[] Secrets, string BeforeSecret)> SecretKeyWithMomentAsync()
    {
        await using var scope = host.Scope();
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var configs = host.Get<ConfigService>(scope);
        var created = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "open-default", overrides: new() { ["staging"] = "open-staging" }));
        var beforeSecret = DateTime.UtcNow.ToString("O");
        var tag = Guid.NewGuid().ToString("N");
        string[] secrets = [$"S-default-{tag}", $"S-staging-{tag}", $"S-production-{tag}"];
        var secret = await configs.UpdateAsync(created.Id, created.ToUpdateInput() with { IsSecret = true, DefaultValue = secrets[0] }, null);
        await configs.SetOverrideAsync(secret.Id, "staging", secrets[1], null);
        await configs.SetOverrideAsync(secret.Id, "production", secrets[2], null);
        return (app, created.Id, secrets, beforeSecret);
    }

    private async Task AssertNotInAuditAsync(string app, string[] secrets, params ChangeSetDiff[] answers)
    {
        await using var raw = await host.Database.OpenRawAsync();
        var audit = await raw.DumpTextAsync("audit_entries");
        Assert.Contains(app, audit); // the paths did write entries
        var shown = string.Join("\n", answers.Select(a => System.Text.Json.JsonSerializer.Serialize(a)));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, audit);
            Assert.DoesNotContain(secret, shown);
        }
    }
}

public sealed class SecretAuditTestsOnSqlite(SqliteServiceHost host) : SecretAuditTests(host), IClassFixture<SqliteServiceHost>;

public sealed class SecretAuditTestsOnPostgres(PostgresServiceHost host) : SecretAuditTests(host), IClassFixture<PostgresServiceHost>;
