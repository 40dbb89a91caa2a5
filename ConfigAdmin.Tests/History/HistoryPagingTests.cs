using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.History;

/// <summary>
/// History read a page at a time and the past kept by revision, on both providers: every page of the change list is the
/// same slice of the whole list, and a kept moment is never served once a revision up to it was added.
/// </summary>
[Trait("Category", "Database")]
public abstract class HistoryPagingTests(ServiceHost host)
{
    [Fact]
    public async Task Changes_PagedWithTheirStateBefore_EveryPageASliceOfTheWhole_WithAndWithoutAnEnvironment()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        var a = await configs.CreateAsync(A.Config(app, "A", defaultValue: "1", overrides: new() { ["production"] = "p1" }));
        var b = await configs.CreateAsync(A.Config(app, "B", defaultValue: "1"));
        a = await configs.UpdateAsync(a.Id, a.ToUpdateInput() with { DefaultValue = "2" }, null);
        b = await configs.SetOverrideAsync(b.Id, "production", "p", null);
        a = await configs.SetOverrideAsync(a.Id, "production", "p2", null);
        await configs.DeleteAsync(b.Id, null);
        await configs.DeleteAsync(a.Id, null);
        var c = await configs.CreateAsync(A.Config(app, "C", defaultValue: "1", overrides: new() { ["staging"] = "s" }));
        await configs.DeleteAsync(c.Id, null);

        var history = host.Get<HistoryService>(scope);
        var all = await history.ChangesAsync(app, new ChangeQuery(PageSize: 100));
        var production = await history.ChangesAsync(app, new ChangeQuery(Environment: "PRODUCTION", PageSize: 100));

        Assert.Equal(9, all.TotalCount);
        Assert.Equal(["deleted", "created", "deleted", "deleted", "updated", "updated", "updated", "created", "created"], all.Items.Select(i => i.Kind));
        // Deleting a key removes its override: counted for production only where it had one.
        Assert.Equal([("A", "deleted"), ("B", "deleted"), ("A", "updated"), ("B", "updated"), ("A", "created")],
            production.Items.Select(i => (i.After.Key, i.Kind)));
        Assert.Equal("p1", production.Items[2].Before!.Overrides["production"]);
        Assert.Equal(5, production.TotalCount);
        foreach (var (query, whole) in new[] { (new ChangeQuery(), all), (new ChangeQuery(Environment: "production"), production) })
        {
            for (var page = 1; page <= 3; page++)
            {
                var slice = await history.ChangesAsync(app, query with { Page = page, PageSize = 2 });
                Assert.Equal(whole.TotalCount, slice.TotalCount);
                Assert.Equal(whole.Items.Skip((page - 1) * 2).Take(2).Select(i => (i.After.Id, i.Before?.Id)),
                    slice.Items.Select(i => (i.After.Id, i.Before?.Id)));
            }
        }
    }

    [Fact]
    public async Task ReadAt_AMomentKept_IsReadAgainOnceARevisionUpToItIsAdded()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        var key = await configs.CreateAsync(A.Config(app, "Mode", defaultValue: "first"));
        var at = await RealTime.MomentBetweenWritesAsync();
        await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "later" }, null);
        var history = host.Get<HistoryService>(scope);
        var caller = ServiceHost.Admin();

        var before = await DocumentAsync(history, app, at, caller);
        // A transaction that took the time of the moment but committed after the first read (a slow writer): the moment
        // now has one more revision, and what was kept for it is not what it shows any more.
        await using (var db = await host.RawContextAsync())
        {
            var current = await db.Revisions.Where(r => r.ConfigId == key.Id).OrderBy(r => r.Id).FirstAsync();
            db.Revisions.Add(new ConfigRevision
            {
                ConfigId = current.ConfigId, ApplicationId = current.ApplicationId, Key = current.Key, ValueType = current.ValueType,
                DefaultValue = "slow", Overrides = current.Overrides, ChangedAt = current.ChangedAt.AddMilliseconds(5),
                KeyCreatedAt = current.KeyCreatedAt, Version = current.Version,
            });
            await db.SaveChangesAsync();
        }
        var after = await DocumentAsync(history, app, at, caller);
        var keys = await history.KeysAtAsync(new ConfigQuery(Application: app), at);

        Assert.Equal("""{"Mode":"first"}""", before);
        Assert.Equal("""{"Mode":"slow"}""", after);
        Assert.Equal("slow", keys.Items.Single().DefaultValue);
    }

    [Fact]
    public async Task ReadAt_ManyMoments_KeepsAtMostItsCapacity_AndEachAnswersItsOwnPast()
    {
        await using var scope = host.Scope();
        var (app, configs) = await NewAppAsync(scope);
        var key = await configs.CreateAsync(A.Config(app, "N", ConfigValueType.Integer, "0"));
        var moments = new List<string>();
        for (var n = 1; n <= RevisionsAt.Capacity + 2; n++)
        {
            moments.Add(await RealTime.MomentBetweenWritesAsync());
            key = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = $"{n}" }, null);
        }
        var history = host.Get<HistoryService>(scope);

        for (var n = 0; n < moments.Count; n++) Assert.Equal($$"""{"N":{{n}}}""", await DocumentAsync(history, app, moments[n], ServiceHost.Admin()));
        Assert.Equal("""{"N":0}""", await DocumentAsync(history, app, moments[0], ServiceHost.Admin()));

        Assert.InRange(host.Services.GetRequiredService<RevisionsAt>().Count, 1, RevisionsAt.Capacity);
    }

    private static async Task<string> DocumentAsync(HistoryService history, string app, string at, Core.Access.Caller caller) =>
        System.Text.Encoding.UTF8.GetString((await history.DocumentAtAsync(app, "production", false, at, caller)).Body);

    private async Task<(string App, ConfigService Configs)> NewAppAsync(AsyncServiceScope scope)
    {
        var app = await host.Get<ApplicationService>(scope).CreateAsync(A.Application());
        return (app.Name, host.Get<ConfigService>(scope));
    }
}

public sealed class HistoryPagingTestsOnSqlite(SqliteServiceHost host) : HistoryPagingTests(host), IClassFixture<SqliteServiceHost>;

public sealed class HistoryPagingTestsOnPostgres(PostgresServiceHost host) : HistoryPagingTests(host), IClassFixture<PostgresServiceHost>;
