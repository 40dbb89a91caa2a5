using System.Text;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Data;

/// <summary>Regression tests for the defects found in the milestone-1 review, on both providers.</summary>
[Trait("Category", "Data")]
public abstract class ReviewDefectTests(ServiceHost host)
{
    private ResolutionService Resolution => host.Services.GetRequiredService<ResolutionService>();

    [Fact]
    public async Task SecretMask_ClearingSecretWhileSendingTheMask_KeepsTheStoredValue()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true));

        var updated = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = false }, null);

        Assert.Equal("s3cret", updated.DefaultValue);
        Assert.Equal("""{"Db:Password":"s3cret"}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_OnANonSecretIntegerKeyMadeSecret_IsAValueLikeAnyOther()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.Integer, "5432"));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = true, DefaultValue = SecretMask.Text }, null));

        Assert.Contains(ex.Errors, e => e.PropertyName == "defaultValue");
        Assert.Equal("""{"Port":5432}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_OnASecretIntegerKey_KeepsItsValueWhileOtherFieldsChange()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Pin", ConfigValueType.Integer, "1234", secret: true));

        var updated = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { Description = "The door pin" }, null);

        Assert.Equal(("The door pin", SecretMask.Text), (updated.Description, updated.DefaultValue));
        Assert.Equal("""{"Pin":1234}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_SentForAStoredSecretOverride_ChangesNothing()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Token", defaultValue: "dev", secret: true,
            overrides: new() { ["production"] = "live" }));

        var same = await configs.SetOverrideAsync(key.Id, "production", SecretMask.Text, null);

        Assert.Equal(key.Version, same.Version);
        Assert.Equal("""{"Token":"live"}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task Names_WithATrailingNewline_AreRefused()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);

        await Assert.ThrowsAsync<ValidationException>(() => apps.CreateAsync(A.Application(A.Name("nl-app") + "\n")));
        await Assert.ThrowsAsync<ValidationException>(() => apps.CreateAsync(A.Application() with { ContactEmail = "team@example.com\n" }));
        await Assert.ThrowsAsync<ValidationException>(() => host.Get<EnvironmentService>(scope).CreateAsync(new("qa\n", null)));
    }

    [Fact]
    public async Task CommitThatThrowsAfterItHappened_StillInvalidatesTheCache()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Mode", defaultValue: "old"));
        await ReadAsync(app, "production");
        host.Hooks.AroundSave = async save =>
        {
            host.Hooks.AroundSave = null;
            await save();
            throw new TimeoutException("The connection was lost while the commit was acknowledged.");
        };

        await Assert.ThrowsAsync<TimeoutException>(() => configs.SetOverrideAsync(key.Id, "production", "new", null));

        Assert.Equal("""{"Mode":"new"}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task ClientSighting_IsListedWhileItsFlushIsWriting_AndAfter()
    {
        await using var scope = host.Scope();
        var app = await host.ApplicationIdAsync((await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name);
        var registry = host.Services.GetRequiredService<ClientRegistry>();
        registry.Saw(app, "production", SecretView.Clear, new ClientSighting("flushing-1", "host-1", "1.0.0", "\"e1\""));
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        host.Hooks.AroundSave = async save =>
        {
            host.Hooks.AroundSave = null;
            writing.SetResult();
            await release.Task;
            return await save();
        };

        var flush = registry.FlushAsync(CancellationToken.None);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var during = await registry.SeenAsync(app, "production", CancellationToken.None);
        release.SetResult();
        await flush;
        var after = await registry.SeenAsync(app, "production", CancellationToken.None);

        Assert.Equal("flushing-1", Assert.Single(during).InstanceId);
        Assert.Equal("host-1", Assert.Single(after).Host);
    }

    [Fact]
    public async Task DeletedEnvironment_LosesItsLastKnownGoodDocuments()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app));
        var env = A.Name("qa");
        var environments = host.Get<EnvironmentService>(scope);
        await environments.CreateAsync(new(env, null));
        await ReadAsync(app, env);
        Assert.True(Resolution.TryGetLastKnownGood(app, env, false, out _));

        await environments.DeleteAsync(env, null);

        Assert.False(Resolution.TryGetLastKnownGood(app, env, false, out _));
    }

    private async Task<string> ReadAsync(string app, string env) =>
        Encoding.UTF8.GetString((await Resolution.GetDocumentAsync(app, env, explain: false)).Body);

    private async Task<string> NewAppAsync(AsyncServiceScope scope) =>
        (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
}

public sealed class ReviewDefectTestsOnSqlite(SqliteServiceHost host) : ReviewDefectTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ReviewDefectTestsOnPostgres(PostgresServiceHost host) : ReviewDefectTests(host), IClassFixture<PostgresServiceHost>;

/// <summary>
/// Races between writers that only PostgreSQL allows: on SQLite one process writes at a time (the write gate), so a
/// write cannot commit between another's read and its commit.
/// </summary>
[Trait("Category", "Data")]
public sealed class WriteRaceTestsOnPostgres(PostgresServiceHost host) : IClassFixture<PostgresServiceHost>
{
    private ResolutionService Resolution => host.Services.GetRequiredService<ResolutionService>();

    [Fact]
    public async Task RenameRace_AConfigWriteCommittingAfterARename_IsSeenUnderTheNewName()
    {
        await using var scope = host.Scope();
        var (apps, configs) = (host.Get<ApplicationService>(scope), host.Get<ConfigService>(scope));
        var old = (await apps.CreateAsync(A.Application())).Name;
        var key = await configs.CreateAsync(A.Config(old, "Mode", defaultValue: "one"));
        await Resolution.GetDocumentAsync(old, "production", false);
        var (held, release) = HoldNextSave();

        var write = configs.SetOverrideAsync(key.Id, "production", "two", null); // has read the application as 'old'
        await held;
        var renamed = A.Name("renamed");
        await apps.UpdateAsync(old, A.Application(renamed), null);
        await Resolution.GetDocumentAsync(renamed, "production", false); // caches the document before the write commits
        release();
        await write;

        var after = await Resolution.GetDocumentAsync(renamed, "production", false);
        Assert.Equal("""{"Mode":"two"}""", Encoding.UTF8.GetString(after.Body));
    }

    [Fact]
    public async Task DeleteRace_AKeyCreatedWhileItsApplicationIsDeleted_IsDeletedWithItsAuditEntry()
    {
        await using var scope = host.Scope();
        var (apps, configs) = (host.Get<ApplicationService>(scope), host.Get<ConfigService>(scope));
        var app = (await apps.CreateAsync(A.Application())).Name;
        await configs.CreateAsync(A.Config(app, "First"));
        var (held, release) = HoldNextSave();

        var delete = apps.DeleteAsync(app, null); // has loaded the application with its one key
        await held;
        await configs.CreateAsync(A.Config(app, "Second"));
        release();
        await delete;

        var deleted = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: app, Action: AuditAction.Deleted,
            EntityType: AuditEntityType.Config));
        Assert.Equal(["First", "Second"], deleted.Items.Select(e => e.Key).Order());
        await using var db = await host.RawContextAsync();
        Assert.Empty(db.Configs.Where(c => c.Key == "Second" && c.Application!.Name == app));
    }

    /// <summary>Holds the next unit of work at SaveChanges until released; the hook is gone for every other.</summary>
    private (Task Held, Action Release) HoldNextSave()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Hooks.AroundSave = async save =>
        {
            host.Hooks.AroundSave = null;
            held.SetResult();
            await release.Task;
            return await save();
        };
        return (held.Task, () => release.SetResult());
    }
}
