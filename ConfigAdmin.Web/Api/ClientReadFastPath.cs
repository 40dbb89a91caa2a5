using ConfigAdmin.Core.Access;
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
/// A long poll whose document is cached parks here as well (<see cref="LongPolls"/>): ten thousand of them keep no
/// scope, authentication result or middleware state each.
/// Each answer is counted and timed in <see cref="ConfigAdminMetrics"/> with tags kept per pair, allocating nothing.
/// </summary>
public sealed class ClientReadFastPath(RequestDelegate next, ResolutionService resolution, CallerResolver callers, IOptions<ApiOptions> api,
    ConfigAdminMetrics metrics, LongPolls polls)
{
    private readonly bool _enabled = api.Value.ClientReadsPerSecond <= 0;

    /// <summary>The caller on a wake: the key again (revoked, expired or narrowed meanwhile shows here), or nobody. One
    /// delegate for every waiter.</summary>
    private readonly Func<HttpContext, Caller> _callerNow = http => callers.ForFastPath(http) ?? Caller.Anonymous;

    public Task InvokeAsync(HttpContext http)
    {
        var started = metrics.ReadStarted();
        var request = http.Request;
        // A client that says who it is gets noted, which the endpoint does; a long poll is taken below.
        if (_enabled && HttpMethods.IsGet(request.Method) && request.Headers.Origin.Count == 0
            && ClientReadRoute.TryMatchPath(request.Path.Value, out var name)
            && ClientReadRoute.TryParseQuery(request.QueryString.Value, out var environment, out var explain)
            && callers.ForFastPath(http) is { } caller)
        {
            if (request.Headers["Prefer"].Count != 0)
                return LongPollOrNext(http, name.ToString(), environment.ToString(), explain, caller);
            if (request.Headers[ClientsApi.Header].Count == 0 && resolution.TryGetCached(name, environment, explain, caller, out var document))
            {
                ErrorsSetup.AddCorrelationHeaders(http);
                var written = ClientConfigApi.WriteAsync(http, document, stale: false);
                metrics.ClientRead(name, environment, http.Response.StatusCode, started);
                // Counted and timed above: ASP.NET Core's request duration (which could give it no route) would only double the cost.
                if (started != 0 && http.Features.Get<IHttpMetricsTagsFeature>() is { } hosting) hosting.MetricsDisabled = true;
                return written;
            }
        }
        return next(http);
    }

    /// <summary>
    /// A long poll whose document is cached waits here, holding no scope and no authentication result. One sent through a
    /// proxy (<c>X-Forwarded-For</c>: the waiter limits count the client's address, which the proxy step finds) goes on to
    /// the endpoint; so does one whose wait ends in a problem (a key revoked meanwhile, an application deleted, no room to
    /// wait) before anything was sent: the endpoint answers it the ordinary way, with its logging and its problem details.
    /// </summary>
    private Task LongPollOrNext(HttpContext http, string name, string environment, bool explain, Caller caller)
    {
        if (http.Request.Headers["X-Forwarded-For"].Count != 0
            || LongPolls.RequestedWait(http.Request, polls.Options.MaxWaitSeconds) is not { } seconds
            || !resolution.TryGetCached(name, environment, explain, caller, out var appId, out var document))
            return next(http);
        return WaitAsync(http, name, environment, explain, seconds, caller, appId, document);
    }

    private async Task WaitAsync(HttpContext http, string name, string environment, bool explain, int seconds, Caller caller, Guid appId,
        ResolvedDocument document)
    {
        try
        {
            ErrorsSetup.AddCorrelationHeaders(http);
            await polls.WaitAsync(http, name, environment, explain, seconds, caller, caller.IsAuthenticated, _callerNow, appId, document);
            // Counted by LongPolls; ASP.NET Core's request duration would time the wait, not the read.
            if (http.Features.Get<IHttpMetricsTagsFeature>() is { } hosting) hosting.MetricsDisabled = true;
        }
        catch (Exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.Clear();
            await next(http);
        }
    }
}
