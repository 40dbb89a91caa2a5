using System.Security.Claims;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// The one place a request or a circuit becomes a <see cref="Caller"/>: an API key (<c>Authorization: Bearer</c>), a
/// signed-in person (the sign-in cookie, while its session lives: the user enabled and their security stamp the one it
/// was signed in under), the anonymous reader (client reads, where <c>Security:AnonymousClientReads</c> allows them),
/// or nobody. Authentication, the request's services, the client read's fast path, live waits and circuits all ask it.
/// Everything comes from the in-memory access directory: no database round trip.
/// </summary>
public sealed class CallerResolver(AccessDirectory directory, IOptions<SecurityOptions> security, IOptions<IdentityOptions> identity)
{
    /// <summary>Who anonymous client reads act as, where they are allowed: secret keys are left out of what it reads.</summary>
    public static readonly Caller AnonymousReader = new(CallerKind.Anonymous, "anonymous", [new Grant(Role.Client, null)]);

    private readonly bool _anonymousReads = security.Value.AnonymousClientReads;
    private readonly string _stampClaim = identity.Value.ClaimsIdentity.SecurityStampClaimType;

    /// <summary>The caller a bearer secret stands for: a live, unexpired key (its use is noted), or null.</summary>
    public Caller? FromBearer(ReadOnlySpan<char> secret) => directory.FindKey(secret);

    /// <summary>The caller a signed-in person stands for now, or null when their session ended or they are disabled or gone.</summary>
    public Caller? FromSession(ClaimsPrincipal? user) =>
        UserId(user) is { } id ? directory.FindSession(id, user!.FindFirstValue(_stampClaim)) : null;

    /// <summary>True when the session's stamp is not the one this node holds for an enabled user (ended, or this node is behind).</summary>
    public bool SessionStampDiffers(ClaimsPrincipal user) =>
        UserId(user) is { } id && directory.StampDiffers(id, user.FindFirstValue(_stampClaim));

    /// <summary>
    /// Makes the request's services act for its caller: the key authentication found, or its signed-in person, looked up
    /// on every use so a sign-out or a lost role applies within the request too.
    /// </summary>
    public void Attach(HttpContext http, ChangeContext context)
    {
        if (ApiKeyAuthenticationHandler.CallerOf(http) is { } key) context.ActAs(key);
        else Attach(http.User, context);
    }

    /// <summary>Makes a circuit's (or a request's) services act for a signed-in person, looked up on every use; anonymous otherwise.</summary>
    public void Attach(ClaimsPrincipal user, ChangeContext context)
    {
        if (UserId(user) is null) context.ActAs(Caller.Anonymous);
        else context.ActAs(() => FromSession(user) ?? Caller.Anonymous);
    }

    /// <summary>
    /// Who a client read acts as, given the request's caller: itself when it has an identity, else the anonymous reader
    /// where anonymous reads are on and no bearer was sent (a revoked key never reads anonymously).
    /// </summary>
    public Caller ForClientRead(HttpContext http, Caller current) =>
        current.IsAuthenticated || !_anonymousReads || ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out _) ? current : AnonymousReader;

    /// <summary>
    /// The client read's caller looked up afresh (a live wait, on every wake): the key again (revoked or expired: nobody),
    /// the person's session, else the anonymous reader where allowed.
    /// </summary>
    public Caller ForClientReadNow(HttpContext http) =>
        ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out var secret) ? directory.FindKey(secret) ?? Caller.Anonymous
        : FromSession(http.User) ?? (_anonymousReads ? AnonymousReader : Caller.Anonymous);

    /// <summary>
    /// The caller of a client read on the fast path, before authentication ran: a live key, or the anonymous reader for a
    /// request without cookies where anonymous reads are on; null leaves the request to the endpoint (cookies, unknown
    /// keys: the ordinary way answers them).
    /// </summary>
    public Caller? ForFastPath(HttpContext http) =>
        ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out var secret) ? directory.FindKey(KeptHashOf(http, secret))
        : http.Request.Headers.Cookie.Count == 0 && _anonymousReads ? AnonymousReader
        : null;

    /// <summary>The signed-in person's id, for a cookie identity (never an API key's).</summary>
    public static Guid? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>
    /// The bearer's hash, kept on the connection for its next request: while a connection sends the same header bytes,
    /// Kestrel hands back the same string instance, so the same reference proves the same secret, and its SHA-256 (the
    /// costliest step of the fast path) need not be taken again. A different header is hashed. Only the hash is kept: the
    /// key's revocation, expiry and scope are looked up on every request.
    /// </summary>
    private SecretHash KeptHashOf(HttpContext http, ReadOnlySpan<char> secret)
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
