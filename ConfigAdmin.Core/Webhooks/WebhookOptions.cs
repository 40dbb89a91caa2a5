using System.ComponentModel.DataAnnotations;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>Lets webhooks reach loopback, link-local and private addresses (a receiver inside your network, a test).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one attempt may take, connecting included; a receiver that takes longer has failed that attempt.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts one node runs at once: a hanging receiver holds one of them, nothing else.</summary>
    [Range(1, 64)]
    public int DeliverySlots { get; set; } = 4;

    /// <summary>
    /// How long a node owns a delivery it claimed; if it dies meanwhile, another node (or its restart) takes the delivery
    /// over after this. Longer than the timeout, so a live node always finishes first.
    /// </summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often a node looks for due deliveries when nothing told it of a new one.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>How long delivered and failed deliveries stay in the delivery log.</summary>
    [Range(1, 365)]
    public int LogRetentionDays { get; set; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseSeconds <= TimeoutSeconds)
            yield return new ValidationResult("Webhooks:LeaseSeconds must be longer than Webhooks:TimeoutSeconds.", [nameof(LeaseSeconds)]);
    }
}
