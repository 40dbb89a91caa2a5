using System.Net;
using System.Security.Claims;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Tests.Live;

namespace ConfigAdmin.Tests.Security;

/// <summary>Signing out ends the session on the server: not only this browser's cookie, every copy of it, and what it holds open.</summary>
[Trait("Category", "Database")]
public abstract class SessionTests(SessionHost host)
{
    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        var browser = await host.SignInAdminAsync();

        var response = await browser.PostAsync("/account/signout", new FormUrlEncodedContent([]));

        await response.AssertProblemAsync(400, "antiforgery_failed");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_AReplayedCookieGets401()
    {
        var browser = await host.SignInAdminAsync();
        var stolen = host.RawClient(null);
        stolen.DefaultRequestHeaders.Add("Cookie", ApiHost.CookieHeaderOf(browser));
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/v1/applications")).StatusCode);

        var signOut = await ApiHost.PostFormAsync(browser, "/account/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signin?signedOut=true", signOut.Headers.Location!.OriginalString);
        await (await stolen.GetAsync("/v1/applications")).AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task SignOut_EndsAnOpenStreamOfThatUser()
    {
        var app = A.Name("stream");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var browser = await host.SignInAdminAsync();
        using var events = await EventReader.OpenAsync(browser, $"/v1/applications/{app}/config/stream?environment=production");
        Assert.NotNull(await events.NextAsync(TimeSpan.FromSeconds(10)));

        await ApiHost.PostFormAsync(browser, "/account/signout");

        // The access change wakes every waiter: the stream sees its session ended and closes, long before a heartbeat.
        Assert.True(await events.EndedAsync(TimeSpan.FromSeconds(10)), "the stream went on after sign-out");
    }

    [Fact]
    public async Task OpenCircuit_OfAUserWhoSignsOutElsewhere_TurnsAnonymousAtOnce()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<ConfigAdminUser>>().FindByEmailAsync(SessionHost.AdminEmail))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<ConfigAdminUser>>().CreateUserPrincipalAsync(admin);
        var circuit = (ServerAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var changed = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.AuthenticationStateChanged += async state => changed.TrySetResult((await state).User);

        var browser = await host.SignInAdminAsync();
        await ApiHost.PostFormAsync(browser, "/account/signout");

        // Anonymous: the layout's AuthorizeRouteView sends the page to the sign-in form, which ends the circuit.
        Assert.False((await changed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task ChangedPassword_KeepsThisBrowserSignedIn_AndEndsItsOtherSessions()
    {
        var browser = await host.SignInAdminAsync();
        var other = await host.SignInAdminAsync();
        const string next = "another-horse-battery-staple-45";

        await ApiHost.PostFormAsync(browser, "/account/password",
            new() { ["current"] = SessionHost.Password, ["password"] = next, ["confirm"] = next });
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/v1/applications")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/v1/applications")).StatusCode);
        }
        finally
        {
            await ApiHost.PostFormAsync(browser, "/account/password",
                new() { ["current"] = next, ["password"] = SessionHost.Password, ["confirm"] = SessionHost.Password });
        }
    }
}

public sealed class SessionTestsOnSqlite(SqliteSessionHost host) : SessionTests(host), IClassFixture<SqliteSessionHost>;

public sealed class SessionTestsOnPostgres(PostgresSessionHost host) : SessionTests(host), IClassFixture<PostgresSessionHost>;
