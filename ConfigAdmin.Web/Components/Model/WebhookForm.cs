using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Webhooks;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>
/// The editable twin of <see cref="WebhookInput"/>: events as "everything" or chosen subscriptions, applications as an
/// "all" switch plus chosen names, and whether to give the webhook a new secret (which the dialog then shows once).
/// </summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }
    public string? Description { get; set; }
    public bool AllEvents { get; set; }
    public IReadOnlyCollection<string> Events { get; set; } = [WebhookEvents.ConfigChanged];
    public bool AllApplications { get; set; } = true;
    public IReadOnlyCollection<string> Applications { get; set; } = [];

    /// <summary>On edit: replace the secret with a fresh one (a new webhook always gets one).</summary>
    public bool NewSecret { get; set; }

    /// <summary>The subscriptions offered besides "every event": each event and each family.</summary>
    public static IReadOnlyList<string> Choices => WebhookEvents.Subscriptions.Where(s => s != WebhookEvents.All).ToList();

    public static WebhookForm Of(WebhookDto w) => new()
    {
        Url = w.Url, Description = w.Description,
        AllEvents = w.Events.Contains(WebhookEvents.All), Events = w.Events.Where(e => e != WebhookEvents.All).ToList(),
        AllApplications = w.Applications is [AccessScopes.All], Applications = w.Applications.Where(a => a != AccessScopes.All).ToList(),
    };

    /// <summary>The input for the service; <paramref name="secret"/> is the fresh secret when one is to be set.</summary>
    public WebhookInput ToInput(string? secret = null, long? version = null) => new(
        Url?.Trim(),
        AllEvents ? [WebhookEvents.All] : Events.ToList(),
        AllApplications ? [AccessScopes.All] : Applications.ToList(),
        secret, Description?.Trim(), version);
}
