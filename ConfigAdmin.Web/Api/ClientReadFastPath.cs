using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Web.Errors;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Serves client reads whose document is cached before the rest of the pipeline runs: no routing, no DI scope,
/// no binding, no allocation of ours (ADR 0007). Anything else — a miss, an unusual URL or query, a CORS request,
/// a configured rate limit — falls through to the endpoint, which answers it (and its errors) the ordinary way.
/// </summary>
public sealed class ClientReadFastPath(RequestDelegate next, ResolutionService resolution, IOptions<ApiOptions> options)
{
    private readonly bool _enabled = options.Value.ClientReadsPerSecond <= 0;

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (_enabled && HttpMethods.IsGet(request.Method) && request.Headers.Origin.Count == 0
            && ClientReadRoute.TryMatchPath(request.Path.Value, out var name)
            && ClientReadRoute.TryParseQuery(request.QueryString.Value, out var environment, out var explain)
            && resolution.TryGetCached(name, environment, explain, out var document))
        {
            ErrorsSetup.AddCorrelationHeaders(http);
            return ClientConfigApi.WriteAsync(http, document, stale: false);
        }
        return next(http);
    }
}
