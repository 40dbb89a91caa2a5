namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 5 s after the first attempt, 30 s after the second, then twice the last wait
/// each time, up to an hour apart, until a day after the event (or after "send again"); then it fails.
/// </summary>
public static class RetrySchedule
{
    /// <summary>How long an event is retried.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait after the <paramref name="attempt"/>th attempt (1-based) failed.</summary>
    public static TimeSpan After(int attempt) => attempt switch
    {
        <= 1 => TimeSpan.FromSeconds(5),
        2 => TimeSpan.FromSeconds(30),
        // 60 s, 2 min, 4 min, ... capped; the exponent is capped first so it never overflows.
        _ => TimeSpan.FromSeconds(Math.Min(Longest.TotalSeconds, 30 * Math.Pow(2, Math.Min(attempt - 2, 20)))),
    };

    /// <summary>When to try again after the <paramref name="attempt"/>th attempt failed at <paramref name="now"/>; null when the deadline passed.</summary>
    public static DateTime? Next(int attempt, DateTime now, DateTime retryUntil)
    {
        var next = now + After(attempt);
        return next <= retryUntil ? next : null;
    }
}
