using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Data;
using ConfigAdmin.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// The client read: pre-serialized bytes from the cache with a strong ETag; 304 without any body work;
/// through a database outage, the last-known-good document with a <c>Warning</c> header.
/// </summary>
public static class ClientConfigApi
{
    public const string StaleWarning = "110 - \"Response is stale: the configuration database is unreachable\"";

    public static IEndpointRouteBuilder MapClientConfigApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ClientReadRoute.Template, Read).WithTags("Client read").WithName("GetResolvedConfig")
            .RequireAuthorization(Policies.ClientRead)
            .WithSummary("The resolved configuration of an application in one environment: { \"key\": value }, keys in ordinal order. " +
                         "With explain=true: { \"key\": { \"value\": v, \"source\": \"default\" | environment } }.")
            .Produces<Dictionary<string, object>>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithDescription("at=<ISO-8601 time with Z or offset>: the document as it was then, with the ETag it had then. Long poll: send If-None-Match with the ETag you have and Prefer: wait=<seconds> (1-120, capped by " +
                             "Api:MaxWaitSeconds); the answer comes as soon as the document changes (200), or when the wait is over " +
                             "(304), with Preference-Applied: wait=<seconds>.");
        return routes;
    }

    private static async Task Read(HttpContext http, ResolutionService resolution, ChangeContext context, CallerResolver callers,
        IOptions<ApiOptions> options, ConfigAdminMetrics metrics, string name, string? environment, bool? explain, string? at)
    {
        var started = metrics.ReadStarted();
        if (string.IsNullOrWhiteSpace(environment))
            throw ValidatorExtensions.Invalid("environment", "The query parameter 'environment' is required, e.g. ?environment=production.");
        if (at is not null)
        {
            // The document as it was: rebuilt from revisions, never cached, and it never changes (no long poll).
            var history = http.RequestServices.GetRequiredService<Core.Changes.HistoryService>();
            await WriteAsync(http, await history.DocumentAtAsync(name, environment, explain == true, at, callers.ForClientRead(http, context.Caller),
                http.RequestAborted), stale: false);
            metrics.ClientRead(name, environment, http.Response.StatusCode, started);
            return;
        }
        if (LongPolls.RequestedWait(http.Request, options.Value.MaxWaitSeconds) is { } wait)
        {
            await LiveConfigApi.WaitAsync(http, resolution, name, environment, explain == true, wait);
            return;
        }

        var caller = callers.ForClientRead(http, context.Caller);
        var stale = false;
        ResolvedDocument document;
        try
        {
            (var appId, document) = await resolution.GetWithIdAsync(name, environment, explain == true, caller, http.RequestAborted);
            ClientsApi.Note(http, appId, environment, caller);
            document = ClientsApi.Serve(http, appId, environment, explain == true, caller, document);
        }
        // Through an outage, a caller already allowed on this document gets the last good one; a revoked key stays revoked.
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex)
                                   && resolution.TryGetLastKnownGood(name, environment, explain == true, caller, out var lastKnown))
        {
            document = lastKnown;
            stale = true;
        }

        await WriteAsync(http, document, stale);
        metrics.ClientRead(name, environment, http.Response.StatusCode, started);
    }

    private static readonly StringValues Revalidate = "no-cache";
    private static readonly StringValues NeverStore = "private, no-store";

    /// <summary>
    /// How a document may be cached on the way: revalidated every time (its ETag makes that cheap), and never stored at
    /// all when it holds a secret value in clear.
    /// </summary>
    public static StringValues CacheControl(bool clearSecrets) => clearSecrets ? NeverStore : Revalidate;

    /// <summary>Writes a resolved document: ETag, Cache-Control, a 304 when the client has it, else the bytes.</summary>
    public static Task WriteAsync(HttpContext http, ResolvedDocument document, bool stale)
    {
        var headers = http.Response.Headers;
        SecurityHeaders.AddApiHeaders(http.Response);
        headers.ETag = document.ETag;
        headers.CacheControl = CacheControl(document.HasClearSecrets);
        if (stale) headers[HeaderNames.Warning] = StaleWarning;
        if (Preconditions.ClientHas(http.Request.Headers.IfNoneMatch, document.ETag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = document.Body.Length;
        // No RequestAborted token: Kestrel fails the write of an aborted connection anyway, and touching the
        // token allocates a CancellationTokenSource per request on the hot path.
        return http.Response.Body.WriteAsync(document.Body).AsTask();
    }
}
