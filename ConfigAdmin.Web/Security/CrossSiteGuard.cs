using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Errors;
using Microsoft.AspNetCore.Antiforgery;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// A browser sends the sign-in cookie with requests that another site's page starts, so a <c>/v1</c> write that the
/// cookie alone authenticates must prove it comes from ConfigAdmin's own pages: a same-origin <c>Origin</c> (or
/// <c>Sec-Fetch-Site: same-origin</c>) and the antiforgery token in the <c>RequestVerificationToken</c> header, which
/// another site can neither read nor send without a CORS preflight that ConfigAdmin refuses. Requests with an API key
/// (<c>Authorization: Bearer</c>) carry no ambient credential and pass untouched, whatever their content type.
/// </summary>
public static class CrossSiteGuard
{
    public const string TokenHeader = "RequestVerificationToken";

    public static IServiceCollection AddCrossSiteGuard(this IServiceCollection services) =>
        services.AddAntiforgery(o => o.HeaderName = TokenHeader);

    /// <summary>After authentication, before the endpoints.</summary>
    public static WebApplication UseCrossSiteGuard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (NeedsProof(http) && await RefusalAsync(http) is { } refusal)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.AntiforgeryFailed, refusal),
                });
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>An unsafe <c>/v1</c> request that only the sign-in cookie authenticates.</summary>
    private static bool NeedsProof(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/v1")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        && !ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out _)
        && http.User.Identity?.IsAuthenticated == true;

    private static async Task<string?> RefusalAsync(HttpContext http)
    {
        const string Scripts = " Scripts and other sites use an API key (Authorization: Bearer ca_…) instead of the sign-in cookie.";
        if (!SameOrigin(http.Request))
            return "A signed-in browser may change configuration only from ConfigAdmin's own pages (this request's Origin is another site)." + Scripts;
        // Only the header: reading a form body here would consume what the endpoint reads.
        if (http.Request.Headers[TokenHeader].Count == 0
            || !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return $"A signed-in browser's writes need the page's antiforgery token in the {TokenHeader} header." + Scripts;
        return null;
    }

    /// <summary><c>Origin</c> is this site, or, without one, <c>Sec-Fetch-Site</c> says same-origin; a request with neither is not taken.</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.OrdinalIgnoreCase);
    }
}
