namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// One event in the outbox, written in the transaction of what it reports. Its id is the CloudEvents id and the
/// <c>webhook-id</c>, the same on every attempt and every webhook. The body is put together once, at the first
/// attempt, so every attempt sends the same bytes.
/// </summary>
public sealed class WebhookEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The event's name (<c>config.changed</c>); the CloudEvents type adds <see cref="WebhookEvents.TypePrefix"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Not a foreign key: the event outlives an application it reports the deletion of.</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary>The CloudEvents <c>source</c>: <c>/applications/{name}</c> (the name at the time), or <c>/webhooks/{id}</c> for a test event.</summary>
    public string Source { get; set; } = "";

    /// <summary>The CloudEvents <c>data</c> as JSON, without the revision (which the database assigns at commit).</summary>
    public string Data { get; set; } = "{}";

    /// <summary>The change record of the transaction that wrote the event, if it recorded one.</summary>
    public long? Revision { get; set; }
    public Changes.ChangeRecord? Change { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>
    /// Builds <see cref="Data"/> (never stored): called only when some webhook wants the event, so a change nobody listens
    /// to costs no payload.
    /// </summary>
    public Func<string>? Compose { get; set; }

    /// <summary>The CloudEvents JSON as first sent; null until then.</summary>
    public string? Body { get; set; }
}
