namespace ConfigAdmin.Web.Startup;

/// <summary>
/// A browser asking for an address no page has gets the app's own 404 page, in its layout, with status 404; API
/// clients, and browsers on API paths, keep problem details. Without this only in-app navigation reached the
/// router's not-found page, and a typed or bookmarked address showed raw JSON.
/// </summary>
public static class NotFoundPage
{
    public const string Route = "/not-found";

    private static readonly string[] MachinePaths = ["/v1", "/health", "/metrics", "/openapi", "/scalar", "/_framework", "/_blazor", "/_content"];

    public static WebApplication UseConfigAdminNotFoundPage(this WebApplication app)
    {
        app.UseWhen(IsPageRequest, page => page.UseStatusCodePagesWithReExecute(Route, createScopeForStatusCodePages: true));
        return app;
    }

    private static bool IsPageRequest(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && !MachinePaths.Any(p => http.Request.Path.StartsWithSegments(p))
        && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
