using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Data;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Data;

/// <summary>
/// Races between writers that only PostgreSQL allows: on SQLite one process writes at a time (the write gate), so a
/// write cannot commit between another's read and its commit.
/// </summary>
[Trait("Category", "Database")]
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
        var (held, release) = host.Hooks.HoldNextSave();

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
    public async Task ChangeLock_HeldByAnotherSession_AWriteWaitsForIt_ThenCommits()
    {
        await using var scope = host.Scope();
        var (apps, configs) = (host.Get<ApplicationService>(scope), host.Get<ConfigService>(scope));
        var app = (await apps.CreateAsync(A.Application())).Name;
        var key = await configs.CreateAsync(A.Config(app, "Mode", defaultValue: "one"));
        await using var holder = await host.Database.OpenRawAsync();
        await holder.ExecuteAsync($"BEGIN; SELECT pg_advisory_xact_lock({ConfigAdminContext.ChangeRecordLock});");

        // Every save that records a change takes the lock first (ADR 0010): the write waits on it, in the database.
        var write = configs.SetOverrideAsync(key.Id, "production", "two", null);
        await Eventually.UntilAsync(async () => await holder.ScalarAsync<long>(
                $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {ConfigAdminContext.ChangeRecordLock} AND NOT granted") == 1,
            TimeSpan.FromSeconds(10), "the write never asked for the change lock");
        Assert.False(write.IsCompleted);
        Assert.Equal("""{"Mode":"one"}""", await DocumentAsync(app));

        await holder.ExecuteAsync("COMMIT;");
        await write;
        Assert.Equal("""{"Mode":"two"}""", await DocumentAsync(app));
    }

    private async Task<string> DocumentAsync(string app) =>
        Encoding.UTF8.GetString((await Resolution.GetDocumentAsync(app, "production", false)).Body);

    [Fact]
    public async Task DeleteRace_AKeyCreatedWhileItsApplicationIsDeleted_IsDeletedWithItsAuditEntry()
    {
        await using var scope = host.Scope();
        var (apps, configs) = (host.Get<ApplicationService>(scope), host.Get<ConfigService>(scope));
        var app = (await apps.CreateAsync(A.Application())).Name;
        await configs.CreateAsync(A.Config(app, "First"));
        var (held, release) = host.Hooks.HoldNextSave();

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
}
