using System.Net;
using ConfigAdmin.Data.Identity;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// The sign-in manager gets its request from the request's scope, not from a process-wide IHttpContextAccessor (whose
/// mere registration stops ASP.NET Core reusing HttpContext objects): sign-out by a changed security stamp, which
/// happens inside authentication, still reaches the request it runs in.
/// </summary>
[Trait("Category", "Database")]
public sealed class SignInContextTests(SignInContextTests.Host host) : IClassFixture<SignInContextTests.Host>
{
    private const string AdminEmail = "stamp-admin@example.com";
    private const string Password = "correct-horse-battery-staple-43";

    [Fact]
    public void TheHost_RegistersNoProcessWideHttpContextAccessor()
    {
        Assert.Null(host.Factory.Services.GetService<IHttpContextAccessor>());
    }

    [Fact]
    public async Task ChangedSecurityStamp_SignsTheCookieOut_OnItsNextRequest()
    {
        var browser = await host.SignInAsync(AdminEmail, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/v1/applications")).StatusCode);

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConfigAdminUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(AdminEmail))!);
        }
        var after = await browser.GetAsync("/v1/applications");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var cleared = after.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ConfigAdmin.Auth=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    public sealed class Host() : ApiHost(Provider.Sqlite)
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Security:InitialAdmin:Email", AdminEmail);
            builder.UseSetting("Security:InitialAdmin:Password", Password);
            // Every request checks the stamp (the default checks every 30 minutes).
            builder.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }
}
