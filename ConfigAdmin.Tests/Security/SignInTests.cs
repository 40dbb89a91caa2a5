using System.Net;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Security.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// Sign-in tells no one whether an address has an account: the same answer for an unknown e-mail, a wrong password and
/// a locked account (and the same work behind it: a password hash is checked either way; docs/benchmarks.md has the
/// timings). Password changes are rate-limited as sign-ins are.
/// </summary>
[Trait("Category", "Database")]
public abstract class SignInTests(SessionHost host)
{
    [Fact]
    public async Task UnknownEmail_WrongPassword_AndLockedAccount_GetTheSameAnswer()
    {
        var email = $"{A.Name("person")}@example.com";
        await AddViewerAsync(email);

        var unknown = await SignInAnswerAsync($"{A.Name("nobody")}@example.com", "some-password-1");
        var wrong = await SignInAnswerAsync(email, "wrong-password-1");
        for (var i = 2; i <= 5; i++) await SignInAnswerAsync(email, $"wrong-password-{i}");
        var locked = await SignInAnswerAsync(email, "right-password-123");
        var unknownAgain = await SignInAnswerAsync($"{A.Name("nobody")}@example.com", "some-password-6");

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
        Assert.Equal(unknown, unknownAgain);
        Assert.Contains("error=invalid", unknown);
    }

    /// <summary>Where a sign-in answer sends the browser (the sign-in form always answers with a redirect).</summary>
    private async Task<string> SignInAnswerAsync(string email, string password)
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = host.Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        var page = await browser.GetStringAsync("/account/signin");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/v1/applications")).StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private async Task AddViewerAsync(string email)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Caller.System);
        await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(new NewUserInput(email, "right-password-123", [new RoleGrant(Role.Viewer, [AccessScopes.All])]));
    }
}

public sealed class SignInTestsOnSqlite(SqliteSessionHost host) : SignInTests(host), IClassFixture<SqliteSessionHost>;

public sealed class SignInTestsOnPostgres(PostgresSessionHost host) : SignInTests(host), IClassFixture<PostgresSessionHost>;

/// <summary>One attempt a minute from an address: the limit sign-in has.</summary>
public sealed class StrictSignInHost() : SessionHost(Provider.Sqlite)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Security:SignInAttemptsPerMinute", "2");
    }
}

[Trait("Category", "Database")]
public sealed class PasswordChangeLimitTests(StrictSignInHost host) : IClassFixture<StrictSignInHost>
{
    [Fact]
    public async Task ChangePassword_IsRateLimitedLikeSignIn()
    {
        var browser = await host.SignInAdminAsync(); // the first of two attempts this minute
        var token = await ApiHost.PageTokenAsync(browser);
        var wrong = new Dictionary<string, string>
        {
            ["current"] = "not-the-password", ["password"] = "whatever-horse-1234", ["confirm"] = "whatever-horse-1234",
            ["__RequestVerificationToken"] = token,
        };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await browser.PostAsync("/account/password", new FormUrlEncodedContent(wrong))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, answers[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }
}
