using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Rollouts;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// The client read's long poll (design §8, ADR 0010): answers 200 as soon as the document's ETag differs from
/// <c>If-None-Match</c>, else 304 when the wait is over, with <c>Preference-Applied</c> when the wait was honoured. A
/// waiter holds no thread: it awaits the shared signal of its document, taken before it reads the document, so a change
/// that lands in between still wakes it; on every wake its caller is looked up again, and an identity that is gone ends
/// the wait. One loop for both ways in: <see cref="ClientReadFastPath"/> (a key the in-memory directory knows, a cached
/// document; no routing, scope or authentication, so a parked poll keeps little beyond Kestrel's connection) and the
/// endpoint (everything else). Singletons only: nothing here needs the request's scope.
/// </summary>
public sealed class LongPolls(ResolutionService resolution, ChangeSignals signals, LiveWaiters waiters, IOptions<ApiOptions> api,
    TimeProvider time, ConfigAdminMetrics metrics, ClientRegistry clients, RolloutRegistry rollouts)
{
    public const string PreferenceApplied = "Preference-Applied";

    public ApiOptions Options => api.Value;

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

    /// <param name="caller">Who asks, as looked up when the request came; <paramref name="callerNow"/> looks them up again on a wake.</param>
    /// <param name="wasAuthenticated">The request came with an identity: if it is gone on a wake, the wait ends as a 401.</param>
    /// <param name="document">The document as the caller would read it now (before any rollout's choice).</param>
    public async Task WaitAsync(HttpContext http, string name, string environment, bool explain, int seconds, Caller caller,
        bool wasAuthenticated, Func<HttpContext, Caller> callerNow, Guid appId, ResolvedDocument document)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        ClientsApi.Note(clients, http, appId, environment, caller);
        document = ClientsApi.Serve(rollouts, http, appId, environment, explain, caller, document);
        using var slot = waiters.Enter(api.Value, caller, http);
        if (slot.Outcome == LiveWaiters.Outcome.CallerFull) throw new TooManyWaitersException(slot.Outcome);
        // Beyond the node's limit the read is answered at once, and says it did not wait.
        var admitted = slot.Outcome == LiveWaiters.Outcome.Admitted;
        if (admitted) http.Response.Headers[PreferenceApplied] = $"wait={seconds}";
        using var waiting = admitted ? metrics.Waiting(ConfigAdminMetrics.WaiterKind.LongPoll) : default;
        while (admitted && Preconditions.ClientHas(http.Request.Headers.IfNoneMatch, document.ETag))
        {
            var next = signals.Next(appId, environment);
            (appId, document) = await resolution.GetWithIdAsync(name, environment, explain, caller, http.RequestAborted);
            document = ClientsApi.Serve(rollouts, http, appId, environment, explain, caller, document);
            if (!Preconditions.ClientHas(http.Request.Headers.IfNoneMatch, document.ETag)) break;
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) break;
            await next.WaitAsync(remaining, time, http.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (http.RequestAborted.IsCancellationRequested) return;
            // Looked up once a wake: ten thousand waiters woken by one write each hash their key once, not twice.
            caller = callerNow(http);
            if (wasAuthenticated && !caller.IsAuthenticated) throw new UnauthenticatedException();
        }
        await ClientConfigApi.WriteAsync(http, document, stale: false);
        if (!http.RequestAborted.IsCancellationRequested) metrics.ClientRead(name, environment, http.Response.StatusCode, started: 0);
    }
}
