using System.Net;
using System.Text;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// A page on another site cannot change configuration in a signed-in admin's browser: cookie-authenticated writes to
/// <c>/v1</c> need a same-origin request with the page's antiforgery token. API keys are not affected.
/// </summary>
[Trait("Category", "Database")]
public abstract class CrossSiteTests(SessionHost host)
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task CookieWrite_FromAnotherSite_IsRefused_AndChangesNothing()
    {
        var browser = await host.SignInAdminAsync();
        var name = A.Name("csrf");
        var token = await ApiHost.PageTokenAsync(browser);

        var create = Json(HttpMethod.Post, "/v1/applications", $$"""{"name":"{{name}}","owner":"x","contactEmail":"x@example.com"}""", Evil, token);
        var response = await browser.SendAsync(create);

        await response.AssertProblemAsync(403, "antiforgery_failed");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/v1/applications/{name}")).StatusCode);
    }

    [Fact]
    public async Task CookieWrite_WithoutTheAntiforgeryHeader_IsRefused_TextImportAndBodylessRevertIncluded()
    {
        var browser = await host.SignInAdminAsync();
        var app = A.Name("csrf");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var origin = host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var import = new HttpRequestMessage(HttpMethod.Post, $"/v1/applications/{app}/import?format=env")
            { Content = new StringContent("Mode=evil\n", Encoding.UTF8, "text/plain") };
        import.Headers.Add("Origin", Evil);
        var revert = new HttpRequestMessage(HttpMethod.Post, $"/v1/configs/{Guid.NewGuid()}/revisions/1/revert")
            { Content = new FormUrlEncodedContent([]) };
        revert.Headers.Add("Sec-Fetch-Site", "cross-site");
        var sameOriginNoToken = Json(HttpMethod.Post, "/v1/applications", "{}", origin, token: null);

        foreach (var request in new[] { import, revert, sameOriginNoToken })
            await (await browser.SendAsync(request)).AssertProblemAsync(403, "antiforgery_failed");
        var keys = await (await host.Client.GetAsync($"/v1/configs?application={app}")).JsonAsync();
        Assert.Equal(0, keys.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task CookieWrite_FromThisSitesPageWithItsToken_IsAccepted()
    {
        var browser = await host.SignInAdminAsync();
        var name = A.Name("own");
        var origin = host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var create = Json(HttpMethod.Post, "/v1/applications", $$"""{"name":"{{name}}","owner":"x","contactEmail":"x@example.com"}""", origin,
            await ApiHost.PageTokenAsync(browser));
        var response = await browser.SendAsync(create);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var audit = await (await host.Client.GetAsync($"/v1/audit?application={name}")).JsonAsync();
        Assert.Equal(SessionHost.AdminEmail, audit.GetProperty("items")[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task BearerWrite_IsUnaffected_WhateverItsOriginOrContentType()
    {
        var app = A.Name("bearer");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var import = new HttpRequestMessage(HttpMethod.Post, $"/v1/applications/{app}/import?format=env")
            { Content = new StringContent("Mode=from-a-script\n", Encoding.UTF8, "text/plain") };
        import.Headers.Add("Origin", Evil);
        import.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await host.Client.SendAsync(import);

        await response.EnsureSuccessStatusCodeAsync();
        Assert.Contains("from-a-script", await host.Client.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, string body, string origin, string? token)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", origin);
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        return request;
    }
}

public sealed class CrossSiteTestsOnSqlite(SqliteSessionHost host) : CrossSiteTests(host), IClassFixture<SqliteSessionHost>;

public sealed class CrossSiteTestsOnPostgres(PostgresSessionHost host) : CrossSiteTests(host), IClassFixture<PostgresSessionHost>;
