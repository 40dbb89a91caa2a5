namespace ConfigAdmin.Core.Webhooks;

public enum DeliveryState
{
    /// <summary>Waiting for its first attempt or its next retry, or being attempted (leased) right now.</summary>
    Pending,

    Delivered,

    /// <summary>Every retry failed until its deadline; sending it again queues it anew.</summary>
    Failed,
}

/// <summary>
/// One event on its way to one webhook. Retries are state in this row (attempts, next attempt, deadline), never timers
/// in memory, so a restart or another node carries on where a dead one stopped. Ids grow in commit order: a webhook's
/// pending deliveries go out in id order, one at a time.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public Guid WebhookId { get; set; }
    public Guid EventId { get; set; }
    public WebhookEvent? Event { get; set; }
    public DeliveryState State { get; set; }

    /// <summary>Attempts started so far (counted when an attempt is claimed).</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>No retry is scheduled after this moment: the delivery fails instead.</summary>
    public DateTime RetryUntil { get; set; }

    /// <summary>While an attempt runs: until when the node that claimed it owns it, and that claim's token.</summary>
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseToken { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Why the last attempt failed, as the delivery log shows it.</summary>
    public string? LastError { get; set; }
}

/// <summary>One attempt of a delivery, as the delivery log shows it: HTTP status (none when no answer came), time, the answer's start.</summary>
public sealed class WebhookAttempt
{
    public const int MaxResponseBytes = 1024, MaxErrorLength = 500;

    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public Guid WebhookId { get; set; }
    public int Attempt { get; set; }
    public DateTime At { get; set; }
    public int? Status { get; set; }
    public int DurationMs { get; set; }

    /// <summary>The first KiB of the receiver's answer, as text.</summary>
    public string? Response { get; set; }

    /// <summary>Why no answer counted: a timeout, a refused connection, a forbidden address, a status outside 2xx.</summary>
    public string? Error { get; set; }
}
