using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Errors;

namespace ConfigAdmin.Web.Security;

/// <summary>The 401 and 403 answers of the API: problems with a code, and the 401 names the Bearer scheme.</summary>
public static class SecurityProblems
{
    public static Task UnauthenticatedAsync(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
            "Send Authorization: Bearer <API key>, or sign in.");
    }

    public static Task ForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            http.Items.TryGetValue(CallerRequirementHandler.ReasonItem, out var reason) && reason is string why ? why : "Your roles do not allow this.");

    /// <summary>
    /// True for the routes that answer problems rather than redirect to the sign-in page: the API, the OpenAPI document,
    /// the metrics, and the API reference, except when a person's browser opens that page: it goes to sign-in and comes back.
    /// </summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/metrics")
        || (request.Path.StartsWithSegments("/scalar") && !IsBrowserNavigation(request));

    /// <summary>
    /// A browser loading a page, told by what browsers send on navigation and scripts and tools do not:
    /// <c>Sec-Fetch-Mode: navigate</c> (fetch metadata, on HTTPS and localhost) or <c>Upgrade-Insecure-Requests: 1</c>
    /// (on plain HTTP too). An Accept header would not do: <c>curl -H 'Accept: text/html'</c> is still a tool.
    /// </summary>
    private static bool IsBrowserNavigation(HttpRequest request) =>
        request.Headers["Sec-Fetch-Mode"] == "navigate" || request.Headers["Upgrade-Insecure-Requests"] == "1";

    private static Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = Problems.Create(status, code, detail),
        }).AsTask();
    }
}
