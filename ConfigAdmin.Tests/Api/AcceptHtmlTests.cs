using System.Net;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

/// <summary>
/// An Accept header that allows no JSON (only <c>text/html</c>) still gets the API's problems, never an empty 500; a
/// browser that opens the API reference goes to sign-in and is brought back.
/// </summary>
[Trait("Category", "Database")]
public sealed class AcceptHtmlTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    [Theory]
    [InlineData("/v1/applications")]
    [InlineData("/v1/applications/checkout-api/config?environment=production")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    [InlineData("/scalar/")]
    public async Task NoIdentity_AcceptingOnlyHtml_GetsThe401Problem(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await host.RawClient(null).SendAsync(request);

        await response.AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task AKey_AcceptingOnlyHtml_GetsItsProblemToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/applications/no-such-application");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await host.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(404, "not_found");
        Assert.Equal("Application 'no-such-application' was not found.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Sec-Fetch-Mode", "navigate")]
    [InlineData("Upgrade-Insecure-Requests", "1")]
    public async Task ABrowserOpeningTheApiReference_GoesToSignIn_AndIsBroughtBack(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scalar");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        request.Headers.Add(header, value);

        var response = await host.RawClient(null).SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/signin", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Contains("ReturnUrl=%2Fscalar", location.OriginalString);
    }
}
