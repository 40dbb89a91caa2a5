using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// A webhook as registered or replaced: its URL, the events (names, families such as <c>change_request.*</c>, or
/// <c>["*"]</c>) and applications (<c>["*"]</c> or names) it subscribes to, and optionally its own <c>whsec_…</c>
/// secret. Without one, a new webhook gets a fresh secret and a replaced one keeps its own.
/// </summary>
public sealed record WebhookInput(string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Applications,
    string? Secret = null, string? Description = null, long? Version = null);

/// <summary>A webhook as admins see it; <c>Secret</c> is filled once, in the answer that set it.</summary>
public sealed record WebhookDto(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, IReadOnlyList<string> Applications,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, long Version, string? Secret = null);

/// <summary>One attempt in a webhook's delivery log, newest first, with the delivery it belongs to and that delivery's state.</summary>
public sealed record DeliveryAttemptDto(
    long DeliveryId, Guid EventId, string Event, int Attempt, DateTime At, int? Status, int DurationMs, string? Response, string? Error,
    DeliveryState State, DateTime? NextAttemptAt);

/// <summary>A delivery as "send again" leaves it.</summary>
public sealed record DeliveryDto(long Id, Guid EventId, string Event, DeliveryState State, int Attempts, DateTime NextAttemptAt, DateTime RetryUntil);

/// <summary>Paging of the delivery log.</summary>
public sealed record DeliveryLogQuery(int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged;
