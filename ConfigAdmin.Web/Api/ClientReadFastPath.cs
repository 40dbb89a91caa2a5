using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Serves client reads whose document is cached before the rest of the pipeline runs: no routing, no DI scope,
/// no binding, no database, no allocation of ours (ADR 0007). The caller is an API key found in the in-memory
/// directory, or anonymous where anonymous reads are on; it must be allowed on the application and environment.
/// Anything else — a miss, a cookie, an unknown key, an unusual URL or query, a CORS request, a configured rate
/// limit — falls through to the endpoint, which answers it (and its errors) the ordinary way.
/// </summary>
public sealed class ClientReadFastPath(RequestDelegate next, ResolutionService resolution, AccessDirectory directory,
    IOptions<ApiOptions> api, IOptions<SecurityOptions> security)
{
    private readonly bool _enabled = api.Value.ClientReadsPerSecond <= 0;
    private readonly bool _anonymous = security.Value.AnonymousClientReads;

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        // A long poll (Prefer: wait) may have to wait, and a client that says who it is gets noted: the endpoint does both.
        if (_enabled && HttpMethods.IsGet(request.Method) && request.Headers.Origin.Count == 0 && request.Headers["Prefer"].Count == 0
            && request.Headers[ClientsApi.Header].Count == 0
            && ClientReadRoute.TryMatchPath(request.Path.Value, out var name)
            && ClientReadRoute.TryParseQuery(request.QueryString.Value, out var environment, out var explain)
            && Caller(http) is { } caller
            && resolution.TryGetCached(name, environment, explain, caller, out var document))
        {
            ErrorsSetup.AddCorrelationHeaders(http);
            return ClientConfigApi.WriteAsync(http, document, stale: false);
        }
        return next(http);
    }

    private Caller? Caller(HttpContext http) =>
        ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out var secret) ? directory.FindKey(HashOf(http, secret))
        : http.Request.Headers.Cookie.Count == 0 && _anonymous ? SecuritySetup.AnonymousReader
        : null;

    /// <summary>
    /// The bearer's hash, kept on the connection for its next request: while a connection sends the same header bytes,
    /// Kestrel hands back the same string instance, so the same reference proves the same secret, and its SHA-256 (the
    /// costliest step of this path) need not be taken again. A different header is hashed. Only the hash is kept: the
    /// key's revocation, expiry and scope are looked up on every request, as before.
    /// </summary>
    private SecretHash HashOf(HttpContext http, ReadOnlySpan<char> secret)
    {
        var header = http.Request.Headers.Authorization[0];
        var state = http.Features.Get<IPersistentStateFeature>()?.State;
        if (state is null || header is null) return directory.HashToLookUp(secret);
        if (state.TryGetValue(KeptBearer.Key, out var value) && value is KeptBearer kept && ReferenceEquals(kept.Header, header))
            return kept.Hash;
        var hash = directory.HashToLookUp(secret);
        if (!hash.IsEmpty) state[KeptBearer.Key] = new KeptBearer(header, hash);
        return hash;
    }

    private sealed record KeptBearer(string Header, SecretHash Hash)
    {
        public static readonly object Key = new();
    }
}
