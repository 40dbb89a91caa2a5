using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.History;

/// <summary>A restore is one transaction: when any part of it fails, nothing of it is stored.</summary>
[Trait("Category", "Database")]
public abstract class RestoreAtomicityTests(ServiceHost host)
{
    [Fact]
    public async Task Restore_FailingInItsLastSave_LeavesEverythingAsItWas()
    {
        await using var scope = host.Scope();
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var configs = host.Get<ConfigService>(scope);
        var a = await configs.CreateAsync(A.Config(app, "First", defaultValue: "1"));
        var b = await configs.CreateAsync(A.Config(app, "Second", defaultValue: "2"));
        var at = await RealTime.MomentBetweenWritesAsync();
        // The restore swaps two keys' names back, so it moves one aside in a first save and saves twice.
        a = await configs.UpdateAsync(a.Id, a.ToUpdateInput() with { Key = "Third" }, null);
        await configs.UpdateAsync(b.Id, b.ToUpdateInput() with { Key = "First" }, null);
        await configs.CreateAsync(A.Config(app, "Fourth", defaultValue: "4"));
        var before = await ReadAsync(app);
        await using var db = await host.RawContextAsync();
        var revisions = await db.Revisions.CountAsync();
        var saves = 0;
        host.Hooks.AroundSave = async save =>
        {
            if (++saves == 2)
            {
                host.Hooks.AroundSave = null;
                throw new InvalidOperationException("The disk filled up in the middle of the restore.");
            }
            return await save();
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Get<HistoryService>(scope).RestoreAsync(app, new RestoreInput(at)));

        Assert.Equal(before, await ReadAsync(app));
        Assert.Equal(revisions, await db.Revisions.CountAsync());
        await host.Get<HistoryService>(scope).RestoreAsync(app, new RestoreInput(at));
        Assert.Equal("""{"First":"1","Second":"2"}""", await ReadAsync(app));
    }

    private async Task<string> ReadAsync(string app) =>
        Encoding.UTF8.GetString((await host.Services.GetRequiredService<ResolutionService>().GetDocumentAsync(app, "production", false)).Body);
}

public sealed class RestoreAtomicityTestsOnSqlite(SqliteServiceHost host) : RestoreAtomicityTests(host), IClassFixture<SqliteServiceHost>;

public sealed class RestoreAtomicityTestsOnPostgres(PostgresServiceHost host) : RestoreAtomicityTests(host), IClassFixture<PostgresServiceHost>;
