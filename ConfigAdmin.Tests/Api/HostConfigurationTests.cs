using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Tests.Api;

public sealed class CorsApiHost() : ApiHost(Provider.Sqlite)
{
    public const string Origin = "https://dashboard.example.com";

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Api:CorsOrigins:0", Origin);
}

[Trait("Category", "Database")]
public sealed class HostConfigurationTests(CorsApiHost host) : IClassFixture<CorsApiHost>
{
    [Fact]
    public void UnknownProvider_StopsTheHostWithAClearMessage()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Oracle");
        });

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Database:Provider 'Oracle' is not supported. Use 'Sqlite' (default) or 'Postgres'.", ex.Message);
    }

    [Fact]
    public async Task ClientRead_FromAConfiguredOrigin_GetsCorsHeaders_OthersDoNot()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config?environment=production";
        await host.Client.GetAsync(url); // cached, so the fast path would answer if CORS were not considered

        var allowed = await SendWithOriginAsync(url, CorsApiHost.Origin);
        var foreign = await SendWithOriginAsync(url, "https://evil.example.net");

        Assert.Equal(CorsApiHost.Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", allowed.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private Task<HttpResponseMessage> SendWithOriginAsync(string url, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return host.Client.SendAsync(request);
    }
}
