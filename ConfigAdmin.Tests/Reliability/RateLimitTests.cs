using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Reliability;

public sealed class RateLimitedApiHost() : ApiHost(Provider.Sqlite)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Api:ClientReadsPerSecond", "5");
}

[Trait("Category", "Database")]
public sealed class RateLimitTests(RateLimitedApiHost host) : IClassFixture<RateLimitedApiHost>
{
    [Fact]
    public async Task ClientReads_OverTheConfiguredRate_Get429ProblemWithRetryAfter_OtherRoutesDoNot()
    {
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++) responses.Add(await host.Client.GetAsync($"/v1/applications/{app}/config?environment=production"));

        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 5, 6);
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.AssertProblemAsync(429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        for (var i = 0; i < 12; i++) Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/v1/applications/{app}")).StatusCode);
    }
}
