using System.Net;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConfigAdmin.Tests.Security;

/// <summary>A host whose access directory can be made to fail its reloads, as when the database goes away right after a commit.</summary>
public abstract class FlakyAccessHost(Provider provider) : ApiHost(provider)
{
    public FlakyUsers Users { get; } = new();

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(s =>
    {
        var real = s.Last(d => d.ServiceType == typeof(IUserAccessSource));
        s.RemoveAll<IUserAccessSource>();
        s.AddSingleton<IUserAccessSource>(sp => Users.Wrap((IUserAccessSource)ActivatorUtilities.GetServiceOrCreateInstance(sp, real.ImplementationType!)));
    });

    /// <summary>The real user source, failing every load while <see cref="Failing"/> is set.</summary>
    public sealed class FlakyUsers : IUserAccessSource
    {
        private IUserAccessSource _real = default!;

        public volatile bool Failing;

        public IUserAccessSource Wrap(IUserAccessSource real)
        {
            _real = real;
            return this;
        }

        public Task<IReadOnlyList<UserAccess>> LoadAsync(CancellationToken ct) =>
            Failing ? throw new TimeoutException("The database went away.") : _real.LoadAsync(ct);
    }
}

public sealed class SqliteFlakyAccessHost() : FlakyAccessHost(Provider.Sqlite);

public sealed class PostgresFlakyAccessHost() : FlakyAccessHost(Provider.Postgres);

/// <summary>A revocation is never lost when reloading access fails after its commit: retried until it applies; not ready meanwhile.</summary>
[Trait("Category", "Database")]
public abstract class AccessReloadTests(FlakyAccessHost host)
{
    [Fact]
    public async Task Revocation_WhoseReloadFailsAfterTheCommit_IsRetriedUntilItApplies_AndReadinessIs503Meanwhile()
    {
        var created = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("doomed"), role = "viewer", applications = new[] { "*" } })).JsonAsync();
        var key = host.ClientWith(created.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/v1/applications")).StatusCode);

        host.Users.Failing = true;
        HttpResponseMessage revoke;
        try
        {
            revoke = await host.Client.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            host.Users.Failing = false;
        }

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode); // the revocation was committed
        await Eventually.Async(() => key.GetAsync("/v1/applications"), r => r.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10));
        await Eventually.Async(() => host.Client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
    }
}

public sealed class AccessReloadTestsOnSqlite(SqliteFlakyAccessHost host) : AccessReloadTests(host), IClassFixture<SqliteFlakyAccessHost>;

public sealed class AccessReloadTestsOnPostgres(PostgresFlakyAccessHost host) : AccessReloadTests(host), IClassFixture<PostgresFlakyAccessHost>;
