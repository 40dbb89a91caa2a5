using System.Security.Claims;
using System.Text.Encodings.Web;
using ConfigAdmin.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// <c>Authorization: Bearer ca_…</c>: the key is looked up in the in-memory access directory (no database, through
/// <see cref="CallerResolver"/>), and the caller it stands for travels with the request. A bearer that is not a live
/// key is a 401, never a fallback.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerResolver callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly object CallerItem = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetBearer(Request, out var secret)) return Task.FromResult(AuthenticateResult.NoResult());
        if (callers.FromBearer(secret) is not { } caller)
            return Task.FromResult(AuthenticateResult.Fail("The API key is unknown, revoked or expired."));
        Context.Items[CallerItem] = caller;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.Actor)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => SecurityProblems.UnauthenticatedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SecurityProblems.ForbiddenAsync(Context);

    /// <summary>The caller this request's key stands for, once authenticated.</summary>
    public static Caller? CallerOf(HttpContext http) => http.Items.TryGetValue(CallerItem, out var caller) ? caller as Caller : null;

    /// <summary>The secret of an <c>Authorization: Bearer</c> header, as a slice of it.</summary>
    public static bool TryGetBearer(HttpRequest request, out ReadOnlySpan<char> secret)
    {
        secret = default;
        var header = request.Headers.Authorization;
        if (header.Count != 1) return false;
        var value = header[0].AsSpan().Trim();
        if (value.Length <= 7 || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        secret = value[7..].Trim();
        return !secret.IsEmpty;
    }
}
