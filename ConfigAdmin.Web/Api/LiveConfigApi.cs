using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Observability;
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

    /// <summary>The long poll, for a request the fast path left to the endpoint (<see cref="LongPolls"/>).</summary>
    public static async Task WaitAsync(HttpContext http, ResolutionService resolution, string name, string environment, bool explain,
        int seconds)
    {
        var callers = http.RequestServices.GetRequiredService<CallerResolver>();
        var caller = callers.ForClientReadNow(http);
        var (appId, document) = await resolution.GetWithIdAsync(name, environment, explain, caller, http.RequestAborted);
        await http.RequestServices.GetRequiredService<LongPolls>().WaitAsync(http, name, environment, explain, seconds, caller,
            http.RequestServices.GetRequiredService<ChangeContext>().Caller.IsAuthenticated, callers.ForClientReadNow, appId, document);
    }

    private static async Task StreamAsync(HttpContext http, ResolutionService resolution, string name, string? environment, bool? explain)
    {
        if (string.IsNullOrWhiteSpace(environment))
            throw ValidatorExtensions.Invalid("environment", "The query parameter 'environment' is required, e.g. ?environment=production.");
        var live = Live.Of(http);
        var caller = live.Caller();
        var (appId, document) = await resolution.GetWithIdAsync(name, environment, explain == true, caller, http.RequestAborted);
        ClientsApi.Note(http, appId, environment, caller);
        using var slot = live.Enter(caller);
        if (slot.Outcome != LiveWaiters.Outcome.Admitted) throw new TooManyWaitersException(slot.Outcome);
        using var waiting = live.Metrics.Waiting(ConfigAdminMetrics.WaiterKind.Stream);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = ClientConfigApi.CacheControl(caller.SecretViewOn(appId) == Core.Access.SecretView.Clear);
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on as it comes
        SecurityHeaders.AddApiHeaders(http.Response);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // The head goes out now, before any event: a client resuming at the current ETag gets no event until a change, and
        // it (and every proxy on the way) must not take the silence for a server that never answered.
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);

        var sent = http.Request.Headers["Last-Event-ID"].ToString();
        var heartbeat = TimeSpan.FromSeconds(live.Options.StreamHeartbeatSeconds);
        // A stream ends after its maximum life; the client reconnects with Last-Event-ID, and a flood of streams cannot pin a node for ever.
        var end = live.Now + TimeSpan.FromSeconds(live.Options.StreamMaxLifeSeconds);
        var ct = http.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = live.Signals.Next(appId, environment);
                (appId, document) = await resolution.GetWithIdAsync(name, environment, explain == true, caller, ct);
                document = ClientsApi.Serve(http, appId, environment, explain == true, caller, document);
                if (document.ETag != sent)
                {
                    await WriteEventAsync(http.Response, document, ct);
                    sent = document.ETag;
                }
                var left = end - live.Now;
                if (left <= TimeSpan.Zero) return;
                await next.WaitAsync(left < heartbeat ? left : heartbeat, live.Time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!next.IsCompleted && !ct.IsCancellationRequested && live.Now < end) await http.Response.WriteAsync(": keep-alive\n\n", ct);
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

/// <summary>A wait's view of the request: its caller now (looked up again on every wake), the signals, the limits, the clock.</summary>
internal sealed class Live(HttpContext http, CallerResolver callers, ChangeContext context, ChangeSignals signals, LiveWaiters waiters,
    ApiOptions options, TimeProvider time, ConfigAdminMetrics metrics)
{
    private readonly bool _wasAuthenticated = context.Caller.IsAuthenticated;

    public ChangeSignals Signals => signals;
    public ApiOptions Options => options;
    public TimeProvider Time => time;
    public ConfigAdminMetrics Metrics => metrics;
    public DateTimeOffset Now => time.GetUtcNow();

    public static Live Of(HttpContext http)
    {
        var services = http.RequestServices;
        return new Live(http, services.GetRequiredService<CallerResolver>(), services.GetRequiredService<ChangeContext>(),
            services.GetRequiredService<ChangeSignals>(), services.GetRequiredService<LiveWaiters>(),
            services.GetRequiredService<IOptions<ApiOptions>>().Value, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ConfigAdminMetrics>());
    }

    public Caller Caller() => callers.ForClientReadNow(http);

    /// <summary>The request came with an identity that is gone now (a revoked or expired key, a disabled or signed-out user).</summary>
    public bool Revoked(Caller now) => _wasAuthenticated && !now.IsAuthenticated;

    /// <summary>A place among the waiters: the node's, the caller's (an API key or a person) and the address's.</summary>
    public LiveWaiters.Slot Enter(Caller caller) => waiters.Enter(options, caller, http);
}

/// <summary>
/// How many long polls and streams this node holds, in all and per caller and per address: beyond <c>Api:MaxWaiters</c>
/// nobody more waits; beyond <c>Api:MaxWaitersPerKey</c> or <c>Api:MaxWaitersPerAddress</c> that caller or address is
/// refused (429), so one key or one host cannot take the node's waiters for itself.
/// </summary>
public sealed class LiveWaiters
{
    public enum Outcome
    {
        Admitted,

        /// <summary>The node holds as many as it may.</summary>
        NodeFull,

        /// <summary>This key or this address holds as many as it may.</summary>
        CallerFull,
    }

    private int _count;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _held = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>A place for <paramref name="caller"/>'s request: counted for its key or person and for its address.</summary>
    public Slot Enter(ApiOptions options, Caller caller, HttpContext http) =>
        Enter(options, caller.IsAuthenticated ? caller.Actor : null, http.Connection.RemoteIpAddress?.ToString());

    public Slot Enter(ApiOptions options, string? caller, string? address)
    {
        var node = Interlocked.Increment(ref _count) <= options.MaxWaiters;
        var byCaller = Take(caller is null ? null : "k:" + caller, options.MaxWaitersPerKey);
        var byAddress = Take(address is null ? null : "a:" + address, options.MaxWaitersPerAddress);
        var outcome = !byCaller.Within || !byAddress.Within ? Outcome.CallerFull : node ? Outcome.Admitted : Outcome.NodeFull;
        return new Slot(this, outcome, byCaller.Key, byAddress.Key);
    }

    private (string? Key, bool Within) Take(string? key, int max)
    {
        if (key is null) return (null, true);
        var held = _held.GetOrAdd(key, static _ => new StrongBox<int>());
        return (key, Interlocked.Increment(ref held.Value) <= max);
    }

    private void Release(string? key)
    {
        if (key is null || !_held.TryGetValue(key, out var held)) return;
        // Gone at zero, so addresses seen once do not pile up; a racing entrant may count in the box removed: off by one, briefly.
        if (Interlocked.Decrement(ref held.Value) <= 0) _held.TryRemove(new KeyValuePair<string, StrongBox<int>>(key, held));
    }

    public readonly struct Slot(LiveWaiters owner, Outcome outcome, string? caller, string? address) : IDisposable
    {
        public Outcome Outcome => outcome;

        public void Dispose()
        {
            Interlocked.Decrement(ref owner._count);
            owner.Release(caller);
            owner.Release(address);
        }
    }
}

/// <summary>The identity a wait began with is gone: the request ends as a 401.</summary>
public sealed class UnauthenticatedException() : Exception("The credentials of this request were revoked or expired.");

/// <summary>No room to wait: the node holds as many as it may (503), or this key or address does (429); retry later.</summary>
public sealed class TooManyWaitersException(LiveWaiters.Outcome outcome) : Exception(outcome == LiveWaiters.Outcome.CallerFull
    ? "This API key or address holds as many long polls and streams as it may (Api:MaxWaitersPerKey, Api:MaxWaitersPerAddress); close one or retry shortly."
    : "This node holds as many long polls and streams as it may; retry shortly.")
{
    public bool ByCaller => outcome == LiveWaiters.Outcome.CallerFull;
}
