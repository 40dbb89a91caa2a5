using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Core.Common;

/// <summary>
/// Who acts in the current scope (an HTTP request or a UI circuit): the caller whose rights every service checks and
/// whose name the audit records, and the correlation id of the entries. A signed-in user's grants are looked up
/// on every use, so a role change or a disabled account takes effect at once, even in an open circuit.
/// </summary>
public sealed class ChangeContext(AccessDirectory directory)
{
    public const int MaxActorLength = 200;

    private Func<Caller> _caller = static () => Caller.Anonymous;

    public Caller Caller => _caller();

    /// <summary>The audit actor: <c>alice@example.com</c>, <c>key:&lt;name&gt;</c> or <c>system</c>.</summary>
    public string Actor => Caller.Actor;

    /// <summary>Acts as a fixed caller: an API key for one request, the system's start-up work, a test.</summary>
    public void ActAs(Caller caller) => _caller = () => caller;

    /// <summary>Acts as a signed-in user, whose current grants come from the directory each time.</summary>
    public void ActAsUser(Guid userId) => _caller = () => directory.FindUser(userId) ?? Caller.Anonymous;

    /// <summary>Set explicitly (a test); otherwise the current activity's trace id.</summary>
    public string? CorrelationId { get; set; }

    public string CurrentCorrelationId =>
        CorrelationId ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
}
