using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;

namespace ConfigAdmin.Web.Security;

public static class SecurityHeaders
{
    /// <summary>
    /// A policy Blazor Server and MudBlazor work with: scripts only from this origin (no inline script, no eval), inline
    /// styles (MudBlazor sets style attributes), the circuit's WebSocket to this origin, and no framing at all.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static readonly StringValues Csp = ContentSecurityPolicy;

    // The API reference (Scalar) configures itself with an inline module script: allowed there and only there.
    private static readonly StringValues ScalarCsp = ContentSecurityPolicy.Replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues Deny = "DENY";

    /// <summary>Adds the headers to every response (the client read's fast path sets its own cheap subset).</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Endpoints are all mapped by the first request.
        var pageCsp = new Lazy<StringValues>(() => WithImportMap(app.Services.GetRequiredService<EndpointDataSource>()));
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ScalarCsp : pageCsp.Value;
            headers.XContentTypeOptions = NoSniff;
            headers.XFrameOptions = Deny;
            headers["Referrer-Policy"] = NoReferrer;
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// The policy with the hash of the import map that <c>&lt;ImportMap /&gt;</c> writes inline into every page (the
    /// fingerprinted addresses of the app's scripts): that one inline script runs, and no other. The map is the same for
    /// every page and fixed for a build, so its hash is computed once, of the text the component writes (ToString).
    /// </summary>
    public static StringValues WithImportMap(EndpointDataSource endpoints)
    {
        var map = endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<ImportMapDefinition>()).FirstOrDefault(m => m is not null);
        if (map is null) return Csp;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString())));
        return ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'sha256-{hash}'");
    }

    /// <summary>The subset that matters for a JSON response, set without allocating.</summary>
    public static void AddApiHeaders(HttpResponse response) => response.Headers.XContentTypeOptions = NoSniff;
}
