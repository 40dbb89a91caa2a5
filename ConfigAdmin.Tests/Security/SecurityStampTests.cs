using System.Net;
using ConfigAdmin.Data.Identity;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// Access that ends as the clock moves. A security stamp changed where the access directory does not hear of it
/// (straight in the user store, as another tool might) still ends the session within a minute: the cookie's stamp is
/// checked against the database that often. An API key stops working at its expiry.
/// </summary>
[Trait("Category", "Database")]
public abstract class SecurityStampTests(ClockedSessionHost host)
{
    [Fact]
    public async Task StampChangedInTheStore_EndsTheSessionWithinAMinute()
    {
        var browser = await host.SignInAdminAsync();
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConfigAdminUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(SessionHost.AdminEmail))!);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/v1/applications")).StatusCode);

        host.Clock.Advance(TimeSpan.FromSeconds(61));

        await (await browser.GetAsync("/v1/applications")).AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task ExpiredKey_Is401()
    {
        var response = await host.Client.PostJsonAsync("/v1/api-keys",
            new { name = A.Name("short"), role = "admin", applications = new[] { "*" }, expiresAt = host.Clock.GetUtcNow().AddSeconds(2) });
        var key = host.ClientWith((await response.JsonAsync()).GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/v1/applications")).StatusCode);

        host.Clock.Advance(TimeSpan.FromSeconds(2.5));

        await (await key.GetAsync("/v1/applications")).AssertProblemAsync(401, "unauthenticated");
    }
}

public sealed class SecurityStampTestsOnSqlite(SqliteClockedSessionHost host) : SecurityStampTests(host), IClassFixture<SqliteClockedSessionHost>;

public sealed class SecurityStampTestsOnPostgres(PostgresClockedSessionHost host) : SecurityStampTests(host), IClassFixture<PostgresClockedSessionHost>;
