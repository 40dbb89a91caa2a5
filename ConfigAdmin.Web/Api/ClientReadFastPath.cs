using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Serves client reads whose document is cached before the rest of the pipeline runs: no routing, no DI scope,
/// no binding, no database, no allocation of ours (ADR 0007). The caller (<see cref="CallerResolver.ForFastPath"/>) is
/// an API key found in the in-memory directory, or anonymous where anonymous reads are on; it must be allowed on the
/// application and environment. Anything else — a miss, a cookie, an unknown key, an unusual URL or query, a CORS
/// request, a configured rate limit — falls through to the endpoint, which answers it (and its errors) the ordinary way.
/// Each answer is counted and timed in <see cref="ConfigAdminMetrics"/> with tags kept per pair, allocating nothing.
/// </summary>
public sealed class ClientReadFastPath(RequestDelegate next, ResolutionService resolution, CallerResolver callers, IOptions<ApiOptions> api,
    ConfigAdminMetrics metrics)
{
    private readonly bool _enabled = api.Value.ClientReadsPerSecond <= 0;

    public Task InvokeAsync(HttpContext http)
    {
        var started = metrics.ReadStarted();
        var request = http.Request;
        // A long poll (Prefer: wait) may have to wait, and a client that says who it is gets noted: the endpoint does both.
        if (_enabled && HttpMethods.IsGet(request.Method) && request.Headers.Origin.Count == 0 && request.Headers["Prefer"].Count == 0
            && request.Headers[ClientsApi.Header].Count == 0
            && ClientReadRoute.TryMatchPath(request.Path.Value, out var name)
            && ClientReadRoute.TryParseQuery(request.QueryString.Value, out var environment, out var explain)
            && callers.ForFastPath(http) is { } caller
            && resolution.TryGetCached(name, environment, explain, caller, out var document))
        {
            ErrorsSetup.AddCorrelationHeaders(http);
            var written = ClientConfigApi.WriteAsync(http, document, stale: false);
            metrics.ClientRead(name, environment, http.Response.StatusCode, started);
            // Counted and timed above: ASP.NET Core's request duration (which could give it no route) would only double the cost.
            if (started != 0 && http.Features.Get<IHttpMetricsTagsFeature>() is { } hosting) hosting.MetricsDisabled = true;
            return written;
        }
        return next(http);
    }
}
