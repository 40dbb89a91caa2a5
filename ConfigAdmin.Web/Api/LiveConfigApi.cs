using System.Text;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Live configuration (design §8, ADR 0010): the client read's long poll (<c>If-None-Match</c> + <c>Prefer: wait=n</c>)
/// and the event stream. A waiter holds no thread: it awaits the shared signal of its document, taken before it reads
/// the document, so a change that lands in between still wakes it. On every wake the caller is checked again: a
/// revoked key or a lost role ends the wait.
/// </summary>
public static class LiveConfigApi
{
    public const string PreferenceApplied = "Preference-Applied";

    public static IEndpointRouteBuilder MapLiveConfigApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ClientReadRoute.Template + "/stream", StreamAsync).WithTags("Client read").WithName("StreamResolvedConfig")
            .RequireAuthorization(Policies.ClientRead)
            .WithSummary("Server-sent events: a 'config' event (id: the ETag, data: the document) at once and after every change, a " +
                         "comment line every 15 s; Last-Event-ID equal to the current ETag skips the first event. explain=true works here too.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>The seconds of a valid <c>Prefer: wait=n</c> (RFC 7240), capped; null when there is none (or it is not valid).</summary>
    public static int? RequestedWait(HttpRequest request, int maxSeconds)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair is [var name, var value] && name.Equals("wait", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(value.Trim('"'), System.Globalization.NumberStyles.None, null, out var seconds) && seconds > 0)
                    return Math.Min(Math.Min(seconds, maxSeconds), 120);
            }
        }
        return null;
    }

    /// <summary>
    /// The long poll: answers 200 as soon as the document's ETag differs from <c>If-None-Match</c>, else 304 when the
    /// wait is over. Preference-Applied says the wait was honoured.
    /// </summary>
    public static async Task WaitAsync(HttpContext http, ResolutionService resolution, string name, string environment, bool explain,
        int seconds)
    {
        var live = Live.Of(http);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var caller = live.Caller();
        var (appId, document) = await resolution.GetWithIdAsync(name, environment, explain, caller, http.RequestAborted);
        ClientsApi.Note(http, appId, environment, caller);
        using var slot = live.Enter();
        // Beyond the node's limit the read is answered at once, and says it did not wait.
        if (slot.Admitted) http.Response.Headers[PreferenceApplied] = $"wait={seconds}";
        while (slot.Admitted && Preconditions.ClientHas(http.Request.Headers.IfNoneMatch, document.ETag))
        {
            var next = live.Signals.Next(appId, environment);
            (appId, document) = await resolution.GetWithIdAsync(name, environment, explain, caller, http.RequestAborted);
            if (!Preconditions.ClientHas(http.Request.Headers.IfNoneMatch, document.ETag)) break;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) break;
            await next.WaitAsync(remaining, http.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (http.RequestAborted.IsCancellationRequested) return;
            // Looked up once a wake: ten thousand waiters woken by one write each hash their key once, not twice.
            caller = live.Caller();
            if (live.Revoked(caller)) throw new UnauthenticatedException();
        }
        await ClientConfigApi.WriteAsync(http, document, stale: false);
    }

    private static async Task StreamAsync(HttpContext http, ResolutionService resolution, string name, string? environment, bool? explain)
    {
        if (string.IsNullOrWhiteSpace(environment))
            throw ValidatorExtensions.Invalid("environment", "The query parameter 'environment' is required, e.g. ?environment=production.");
        var live = Live.Of(http);
        var caller = live.Caller();
        var (appId, document) = await resolution.GetWithIdAsync(name, environment, explain == true, caller, http.RequestAborted);
        ClientsApi.Note(http, appId, environment, caller);
        using var slot = live.Enter();
        if (!slot.Admitted) throw new TooManyWaitersException();

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on as it comes
        SecurityHeaders.AddApiHeaders(http.Response);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(http.RequestAborted);

        var sent = http.Request.Headers["Last-Event-ID"].ToString();
        var heartbeat = TimeSpan.FromSeconds(live.Options.StreamHeartbeatSeconds);
        var ct = http.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = live.Signals.Next(appId, environment);
                (appId, document) = await resolution.GetWithIdAsync(name, environment, explain == true, caller, ct);
                if (document.ETag != sent)
                {
                    await WriteEventAsync(http.Response, document, ct);
                    sent = document.ETag;
                }
                await next.WaitAsync(heartbeat, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!next.IsCompleted && !ct.IsCancellationRequested) await http.Response.WriteAsync(": keep-alive\n\n", ct);
                // Looked up once a wake or heartbeat, as the long poll does.
                caller = live.Caller();
                if (live.Revoked(caller)) return;
            }
        }
        catch (Exception ex) when (ex is DomainException or OperationCanceledException)
        {
            // The application or environment went away, or the caller lost the right: the stream ends; a client that
            // reconnects gets the reason as a problem.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, ResolvedDocument document, CancellationToken ct)
    {
        // The document is compact JSON: one line, so one data field carries it.
        await response.WriteAsync($"event: config\nid: {document.ETag}\ndata: ", ct);
        await response.Body.WriteAsync(document.Body, ct);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), ct);
        await response.Body.FlushAsync(ct);
    }
}

/// <summary>A wait's view of the request: its caller now (a key is looked up again on every wake), the signals, the limit.</summary>
internal sealed class Live(HttpContext http, AccessDirectory directory, ChangeContext context, ChangeSignals signals, LiveWaiters waiters,
    ApiOptions options)
{
    private readonly bool _wasAuthenticated = context.Caller.IsAuthenticated;

    public ChangeSignals Signals => signals;
    public ApiOptions Options => options;

    public static Live Of(HttpContext http) => new(http, http.RequestServices.GetRequiredService<AccessDirectory>(),
        http.RequestServices.GetRequiredService<ChangeContext>(), http.RequestServices.GetRequiredService<ChangeSignals>(),
        http.RequestServices.GetRequiredService<LiveWaiters>(), http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);

    public Caller Caller() =>
        ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out var secret) ? directory.FindKey(secret) ?? Core.Access.Caller.Anonymous
        : http.ClientReadCaller(context.Caller);

    /// <summary>The request came with an identity that is gone now (a revoked or expired key, a disabled user).</summary>
    public bool Revoked(Caller now) => _wasAuthenticated && !now.IsAuthenticated;

    public LiveWaiters.Slot Enter() => waiters.Enter(options.MaxWaiters);
}

/// <summary>How many long polls and streams this node holds; beyond <c>Api:MaxWaiters</c> nobody more waits.</summary>
public sealed class LiveWaiters
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Slot Enter(int max)
    {
        var admitted = Interlocked.Increment(ref _count) <= max;
        return new Slot(this, admitted);
    }

    public readonly struct Slot(LiveWaiters owner, bool admitted) : IDisposable
    {
        public bool Admitted => admitted;

        public void Dispose() => Interlocked.Decrement(ref owner._count);
    }
}

/// <summary>The identity a wait began with is gone: the request ends as a 401.</summary>
public sealed class UnauthenticatedException() : Exception("The credentials of this request were revoked or expired.");

/// <summary>This node holds as many waiting clients as it may: the stream is refused (503, retry later).</summary>
public sealed class TooManyWaitersException() : Exception("This node holds as many long polls and streams as it may; retry shortly.");
