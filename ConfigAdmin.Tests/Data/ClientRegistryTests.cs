using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Data;

/// <summary>
/// A caller inventing instance ids cannot grow the client table without limit: each application and environment keeps
/// its newest sightings within the limit, in memory and in the database, and other environments are not crowded out.
/// </summary>
[Trait("Category", "Database")]
public abstract class ClientRegistryTests(ServiceHost host)
{
    [Fact]
    public async Task InventedInstanceIds_AreCappedPerEnvironment_TheOldestGoFirst()
    {
        var app = await NewApplicationAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var registry = Registry(clock, max: 3);
        for (var i = 1; i <= 3; i++)
        {
            registry.Saw(app, "production", SecretView.Clear, new ClientSighting($"kept-{i}", null, null, null));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        await registry.FlushAsync(default);
        for (var i = 1; i <= 5; i++)
        {
            registry.Saw(app, "production", SecretView.Clear, new ClientSighting($"invented-{i}", null, null, null));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        registry.Saw(app, "staging", SecretView.Clear, new ClientSighting("elsewhere", null, null, null));
        await registry.FlushAsync(default);

        await using var db = await host.RawContextAsync();
        var stored = db.ClientInstances.Where(c => c.ApplicationId == app).OrderBy(c => c.InstanceId).Select(c => c.InstanceId).ToList();
        Assert.Equal(["elsewhere", "invented-1", "invented-2", "invented-3"], stored);
        Assert.Equal(3, (await registry.SeenAsync(app, "production", default)).Count);
    }

    private ClientRegistry Registry(TimeProvider clock, int max) =>
        new(host.Services.GetRequiredService<IConfigAdminDbFactory>(), clock,
            Options.Create(new ClientRegistryOptions { MaxInstancesPerEnvironment = max }));

    private async Task<Guid> NewApplicationAsync()
    {
        await using var scope = host.Scope();
        var name = (await host.Get<Core.Applications.ApplicationService>(scope).CreateAsync(A.Application())).Name;
        return await host.ApplicationIdAsync(name);
    }

    [Fact]
    public async Task ClientSighting_IsListedWhileItsFlushIsWriting_AndAfter()
    {
        await using var scope = host.Scope();
        var app = await host.ApplicationIdAsync((await host.Get<Core.Applications.ApplicationService>(scope).CreateAsync(A.Application())).Name);
        var registry = host.Services.GetRequiredService<ClientRegistry>();
        registry.Saw(app, "production", SecretView.Clear, new ClientSighting("flushing-1", "host-1", "1.0.0", "\"e1\""));
        var (writing, release) = host.Hooks.HoldNextSave();

        var flush = registry.FlushAsync(CancellationToken.None);
        await writing.WaitAsync(TimeSpan.FromSeconds(10));
        var during = await registry.SeenAsync(app, "production", CancellationToken.None);
        release();
        await flush;
        var after = await registry.SeenAsync(app, "production", CancellationToken.None);

        Assert.Equal("flushing-1", Assert.Single(during).InstanceId);
        Assert.Equal("host-1", Assert.Single(after).Host);
    }
}

public sealed class ClientRegistryTestsOnSqlite(SqliteServiceHost host) : ClientRegistryTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ClientRegistryTestsOnPostgres(PostgresServiceHost host) : ClientRegistryTests(host), IClassFixture<PostgresServiceHost>;
