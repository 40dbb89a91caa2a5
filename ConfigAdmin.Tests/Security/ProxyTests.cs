using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// Behind a reverse proxy named in <c>Proxy:KnownProxies</c>; each request arrives from the address in the test's
/// <c>X-Test-Peer</c> header (the proxy's by default), as a socket would show it.
/// </summary>
public sealed class ProxiedApiHost() : ApiHost(Provider.Sqlite)
{
    public const string Proxy = "10.1.2.3";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Proxy:KnownProxies:0", Proxy);
        builder.UseSetting("Security:SignInAttemptsPerMinute", "1");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers["X-Test-Peer"].FirstOrDefault() ?? Proxy);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>Rate limits see the client a known proxy forwards, never one an unknown sender claims; HSTS goes out over HTTPS.</summary>
[Trait("Category", "Database")]
public sealed class ProxyTests(ProxiedApiHost host) : IClassFixture<ProxiedApiHost>
{
    [Fact]
    public async Task BehindAKnownProxy_TheSignInLimitCountsEachForwardedClient_AndAnUnknownSendersClaimIsIgnored()
    {
        var first = await SignInAttemptAsync(forwardedFor: "203.0.113.1");
        var second = await SignInAttemptAsync(forwardedFor: "203.0.113.2");
        var firstAgain = await SignInAttemptAsync(forwardedFor: "203.0.113.1");
        var claimed = await SignInAttemptAsync(forwardedFor: "203.0.113.3", peer: "198.51.100.9");
        var sameSender = await SignInAttemptAsync(forwardedFor: "203.0.113.4", peer: "198.51.100.9");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, claimed);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameSender);
    }

    [Fact]
    public async Task Hsts_IsSentOnHttpsAsTheProxySaysIt_NotOnPlainHttp()
    {
        using var client = host.Factory.CreateDefaultClient(new Uri("http://config.example.com"));
        var https = new HttpRequestMessage(HttpMethod.Get, "/health");
        https.Headers.Add("X-Forwarded-Proto", "https");

        var secure = await client.SendAsync(https);
        var plain = await client.GetAsync("/health");

        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<HttpStatusCode> SignInAttemptAsync(string forwardedFor, string? peer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (peer is not null) request.Headers.Add("X-Test-Peer", peer);
        return (await host.RawClient(null).SendAsync(request)).StatusCode;
    }
}
