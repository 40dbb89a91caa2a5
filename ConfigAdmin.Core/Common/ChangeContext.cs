namespace ConfigAdmin.Core.Common;

/// <summary>
/// Who makes the changes of the current scope (an HTTP request or a UI circuit) and the correlation id
/// their audit entries record. The REST layer sets it from <c>X-Actor</c>; the UI leaves the default.
/// </summary>
public sealed class ChangeContext
{
    public const string UiActor = "admin";
    public const string ApiActor = "api";
    public const int MaxActorLength = 200;

    public string Actor { get; set; } = UiActor;

    /// <summary>Set per request; when null the current activity's trace id is used.</summary>
    public string? CorrelationId { get; set; }

    public string CurrentCorrelationId =>
        CorrelationId ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
}
