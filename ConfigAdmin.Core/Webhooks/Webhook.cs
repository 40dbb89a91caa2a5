using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// A receiver of events: its URL, the events and applications it subscribes to, and its signing secret (stored
/// encrypted like secret values; shown once, when it is set).
/// </summary>
public sealed class Webhook : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Url { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Event names, families (<c>change_request.*</c>) or <c>*</c>.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>The applications whose events it receives, by id (they follow renames); null for every application.</summary>
    public List<Guid>? Applications { get; set; }

    /// <summary>The <c>whsec_…</c> secret, sealed (<see cref="Configs.SecretValues"/>).</summary>
    public string Secret { get; set; } = "";

    public string CreatedBy { get; set; } = "";
    public long Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True when an event of <paramref name="name"/> about <paramref name="application"/> (null: none) is for this webhook.</summary>
    public bool Wants(string name, Guid? application) =>
        WebhookEvents.Matches(Events, name) && (Applications is null || (application is { } app && Applications.Contains(app)));
}
