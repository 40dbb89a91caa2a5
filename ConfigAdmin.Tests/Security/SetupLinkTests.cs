using System.Net;
using System.Text.RegularExpressions;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Security;

/// <summary>A first start without any user (no initial admin configured), on a clock the test moves.</summary>
public abstract class FirstRunApiHost(Provider provider) : ApiHost(provider)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));

    /// <summary>The set-up token the console would print now (null when it prints none).</summary>
    public async Task<string?> PrintedTokenAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var text = await scope.ServiceProvider.GetRequiredService<FirstRun>().InstructionsAsync(default);
        return text is null ? null : Uri.UnescapeDataString(Regex.Match(text, "token=([^ ]+)").Groups[1].Value);
    }

    /// <summary>What a start does when no user exists.</summary>
    public async Task StartAgainAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FirstRun>().EnsureAsync(demo: false, default);
    }

    /// <summary>Posts the set-up form as a browser does; answers where it sends the browser.</summary>
    public async Task<string> SetUpAsync(string? token, string email)
    {
        var browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
        var page = await browser.GetStringAsync($"/account/setup?token={Uri.EscapeDataString(token ?? "")}");
        var form = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token ?? "", ["email"] = email, ["password"] = "first-admin-password-1", ["confirm"] = "first-admin-password-1",
            ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Uri.UnescapeDataString(response.Headers.Location!.OriginalString);
    }
}

public sealed class SqliteFirstRunApiHost() : FirstRunApiHost(Provider.Sqlite);

public sealed class PostgresFirstRunApiHost() : FirstRunApiHost(Provider.Postgres);

/// <summary>
/// The one-time set-up link expires (24 h by default) and, once it created the first admin, is gone from the database
/// with that admin's creation: it never works again, on any node or after any restart.
/// </summary>
[Trait("Category", "Database")]
public abstract class SetupLinkTests(FirstRunApiHost host)
{
    [Fact]
    public async Task SetupLink_Expires_AndTheNextStartPrintsANewOne_WhichWorksOnce()
    {
        var first = await host.PrintedTokenAsync();
        Assert.NotNull(first);

        host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Contains("has expired", await host.SetUpAsync(first, "late@example.com"));
        await host.StartAgainAsync();
        var second = await host.PrintedTokenAsync();
        Assert.NotEqual(first, second);
        Assert.Equal("/", await host.SetUpAsync(second, "first@example.com"));
        Assert.Contains("not valid", await host.SetUpAsync(second, "again@example.com"));
        await using var raw = await host.Database.OpenRawAsync();
        Assert.Equal(0L, await raw.ScalarAsync<long>("SELECT COUNT(*) FROM system_state WHERE \"Name\" = 'setup-token'"));
        Assert.Null(await host.PrintedTokenAsync());
    }
}

public sealed class SetupLinkTestsOnSqlite(SqliteFirstRunApiHost host) : SetupLinkTests(host), IClassFixture<SqliteFirstRunApiHost>;

public sealed class SetupLinkTestsOnPostgres(PostgresFirstRunApiHost host) : SetupLinkTests(host), IClassFixture<PostgresFirstRunApiHost>;
