namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// The events a webhook may subscribe to, and how a subscription matches them. A subscription names events
/// (<c>config.changed</c>), a family (<c>change_request.*</c>) or every event (<c>*</c>); the CloudEvents type on the
/// wire is <see cref="TypePrefix"/> + the event name.
/// </summary>
public static class WebhookEvents
{
    public const string TypePrefix = "com.configadmin.";
    public const string All = "*";

    /// <summary>One per committed change to what clients read (one transaction of the write pipeline).</summary>
    public const string ConfigChanged = "config.changed";

    /// <summary>Someone read secret values in clear.</summary>
    public const string SecretRevealed = "secret.revealed";

    /// <summary>Sent by "send test event" only, whatever the webhook subscribes to; never subscribed to.</summary>
    public const string Test = "webhook.test";

    public const string ChangeRequestFamily = "change_request.*";

    /// <summary>Every step of progressive rollouts (<see cref="Rollouts"/>).</summary>
    public const string RolloutFamily = "rollout.*";

    /// <summary>What a change request's life publishes, by the step (the audit action) it took.</summary>
    public static class ChangeRequest
    {
        public const string Filed = "change_request.filed";
        public const string Approved = "change_request.approved";
        public const string Rejected = "change_request.rejected";
        public const string Withdrawn = "change_request.withdrawn";
        public const string Applied = "change_request.applied";
        public const string Forced = "change_request.forced";
        public const string Rebased = "change_request.rebased";
        public const string Acknowledged = "change_request.acknowledged";
    }

    /// <summary>A rollout's steps (design §14): <c>rollout.started</c>, <c>rollout.advanced</c>, ... <c>rollout.rolled_back</c>.</summary>
    public static class Rollouts
    {
        public static readonly IReadOnlyList<string> All = [.. new[]
        {
            Core.Rollouts.RolloutEvents.Started, Core.Rollouts.RolloutEvents.Advanced, Core.Rollouts.RolloutEvents.Paused,
            Core.Rollouts.RolloutEvents.Resumed, Core.Rollouts.RolloutEvents.Completed, Core.Rollouts.RolloutEvents.RolledBack,
        }.Select(kind => "rollout." + kind)];
    }

    /// <summary>Every event a webhook can receive by name.</summary>
    public static readonly IReadOnlyList<string> Named =
    [
        ConfigChanged, SecretRevealed,
        ChangeRequest.Filed, ChangeRequest.Approved, ChangeRequest.Rejected, ChangeRequest.Withdrawn, ChangeRequest.Applied,
        ChangeRequest.Forced, ChangeRequest.Rebased, ChangeRequest.Acknowledged,
        .. Rollouts.All,
    ];

    /// <summary>Every subscription a webhook may hold: names, families and "*".</summary>
    public static readonly IReadOnlyList<string> Subscriptions = [All, ..Named, ChangeRequestFamily, RolloutFamily];

    public static bool IsKnown(string subscription) => Subscriptions.Contains(subscription, StringComparer.Ordinal);

    /// <summary>True when <paramref name="subscriptions"/> ask for events named <paramref name="name"/>.</summary>
    public static bool Matches(IEnumerable<string> subscriptions, string name) => subscriptions.Any(s =>
        s == All || s == name || (s.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(s[..^1], StringComparison.Ordinal)));
}
