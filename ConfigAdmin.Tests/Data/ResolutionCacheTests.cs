using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Data;

/// <summary>The cache is never stale: after every kind of write the next read has the new content and a new ETag.</summary>
[Trait("Category", "Database")]
public abstract class ResolutionCacheTests(ServiceHost host)
{
    private ResolutionService Resolution => host.Services.GetRequiredService<ResolutionService>();

    public static TheoryData<string> Writes => new()
    {
        "create key", "update default", "update type", "rename key", "make secret", "set override", "change override",
        "remove override", "delete key",
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task NextRead_AfterEachKindOfWrite_HasNewContentAndETag(string write)
    {
        await using var scope = host.Scope();
        var configs = host.Get<ConfigService>(scope);
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var key = await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.String, "80", new() { ["staging"] = "81" }));
        if (write is "change override" or "remove override") await configs.SetOverrideAsync(key.Id, "production", "1", null);
        var before = await ReadTwiceAsync(app, "production");

        await (write switch
        {
            "create key" => configs.CreateAsync(A.Config(app, "Other")),
            "update default" => configs.UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "8080" }, null),
            "update type" => configs.UpdateAsync(key.Id, key.ToUpdateInput() with { ValueType = ConfigValueType.Integer }, null),
            "rename key" => configs.UpdateAsync(key.Id, key.ToUpdateInput() with { Key = "HttpPort" }, null),
            "make secret" => configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = true, DefaultValue = "90" }, null),
            "set override" => configs.SetOverrideAsync(key.Id, "production", "443", null),
            "change override" => configs.SetOverrideAsync(key.Id, "production", "2", null),
            "remove override" => configs.RemoveOverrideAsync(key.Id, "production", null),
            "delete key" => configs.DeleteAsync(key.Id, null),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        });

        var after = await Resolution.GetDocumentAsync(app, "production", explain: false);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(await FreshAsync(app, "production"), Encoding.UTF8.GetString(after.Body));
    }

    [Fact]
    public async Task RenameAndDeleteOfTheApplication_AreSeenAtOnce()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var app = (await apps.CreateAsync(A.Application())).Name;
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app));
        await ReadTwiceAsync(app, "production");
        var renamed = A.Name("renamed");

        await apps.UpdateAsync(app, A.Application(renamed), null);
        await Assert.ThrowsAsync<NotFoundException>(() => Resolution.GetDocumentAsync(app, "production", false));
        await ReadTwiceAsync(renamed, "production");

        await apps.DeleteAsync(renamed, null);
        await Assert.ThrowsAsync<NotFoundException>(() => Resolution.GetDocumentAsync(renamed, "production", false));
    }

    [Fact]
    public async Task EnvironmentCreateAndDelete_AreSeenAtOnce()
    {
        await using var scope = host.Scope();
        var envs = host.Get<EnvironmentService>(scope);
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app));
        var env = A.Name("env");
        await Assert.ThrowsAsync<NotFoundException>(() => Resolution.GetDocumentAsync(app, env, false));

        await envs.CreateAsync(new EnvironmentInput(env, null, 1));
        await ReadTwiceAsync(app, env);
        await envs.DeleteAsync(env, null);

        await Assert.ThrowsAsync<NotFoundException>(() => Resolution.GetDocumentAsync(app, env, false));
    }

    [Fact]
    public async Task ConcurrentWritersAndReaders_EndWithTheCacheEqualToAFreshResolution()
    {
        await using var scope = host.Scope();
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add((await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, $"Key{i}", ConfigValueType.Integer, "0"))).Id);
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            do
            {
                await Resolution.GetDocumentAsync(app, "production", explain: reads % 2 == 0);
                reads++;
            } while (!stop.IsCancellationRequested);
            return reads;
        })).ToList();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            await using var writerScope = host.Scope($"writer-{w}");
            var configs = host.Get<ConfigService>(writerScope);
            for (var i = 1; i <= 15; i++)
            {
                var id = ids[(w + i) % ids.Count];
                if (i % 3 == 0) await configs.UpdateAsync(id, new ConfigUpdateInput($"Key{ids.IndexOf(id)}", ConfigValueType.Integer, $"{w * 100 + i}", null), null);
                else await configs.SetOverrideAsync(id, "production", $"{w * 1000 + i}", null);
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();

        Assert.True(reads > 0);
        Assert.Equal(await FreshAsync(app, "production"), Encoding.UTF8.GetString((await Resolution.GetDocumentAsync(app, "production", false)).Body));
        Assert.Equal(await FreshAsync(app, "production", explain: true), Encoding.UTF8.GetString((await Resolution.GetDocumentAsync(app, "production", true)).Body));
    }

    /// <summary>Reads twice so the second read is served from the cache, and checks the two agree.</summary>
    private async Task<ResolvedDocument> ReadTwiceAsync(string app, string env)
    {
        var first = await Resolution.GetDocumentAsync(app, env, false);
        var second = await Resolution.GetDocumentAsync(app, env, false);
        Assert.Same(first, second);
        return second;
    }

    private async Task<string> FreshAsync(string app, string env, bool explain = false) =>
        await Resolution.FreshAsync(app, env, explain);

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

public sealed class ResolutionCacheTestsOnSqlite(SqliteServiceHost host) : ResolutionCacheTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ResolutionCacheTestsOnPostgres(PostgresServiceHost host) : ResolutionCacheTests(host), IClassFixture<PostgresServiceHost>;
