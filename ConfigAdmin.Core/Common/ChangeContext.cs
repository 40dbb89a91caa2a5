using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Core.Common;

/// <summary>
/// Who acts in the current scope (an HTTP request or a UI circuit): the caller whose rights every service checks and
/// whose name the audit records, and the correlation id of the entries. The web layer's caller resolver sets it; a
/// signed-in user is looked up on every use, so a role change, a disabled account or a sign-out takes effect at once,
/// even in an open circuit.
/// </summary>
public sealed class ChangeContext
{
    public const int MaxActorLength = 200;

    private Func<Caller> _caller = static () => Caller.Anonymous;

    public Caller Caller => _caller();

    /// <summary>The audit actor: <c>alice@example.com</c>, <c>key:&lt;name&gt;</c> or <c>system</c>.</summary>
    public string Actor => Caller.Actor;

    /// <summary>Acts as a fixed caller: an API key for one request, the system's start-up work, a test.</summary>
    public void ActAs(Caller caller) => _caller = () => caller;

    /// <summary>Acts as whoever <paramref name="lookup"/> finds on each use (a signed-in user's current grants and session).</summary>
    public void ActAs(Func<Caller> lookup) => _caller = lookup;

    /// <summary>The server's own id for this request (never a caller's trace id), or set by a test; else the current activity's trace id.</summary>
    public string? CorrelationId { get; set; }

    public string CurrentCorrelationId =>
        CorrelationId ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
}
