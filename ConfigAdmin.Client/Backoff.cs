namespace ConfigAdmin.Client;

/// <summary>
/// Exponential backoff with "equal jitter": after n failures a ceiling of min(max, 1 s × 2^(n-1)), and a delay drawn
/// from [ceiling / 2, ceiling]: never a hot loop, and a fleet restarted together does not retry in step.
/// </summary>
internal static class Backoff
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(1);

    /// <summary>The longest a server's <c>Retry-After</c> is honoured for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    public static TimeSpan Ceiling(int failures, TimeSpan max)
    {
        if (failures < 1) return TimeSpan.Zero;
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min((double)Base.Ticks * Math.Pow(2, exponent), max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <param name="failures">Failures in a row, from 1.</param>
    /// <param name="max">The cap (<see cref="ConfigAdminClientOptions.MaxRetryDelay"/>).</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, honoured when longer (up to five minutes).</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Delay(int failures, TimeSpan max, TimeSpan? retryAfter, double jitter)
    {
        var ceiling = Ceiling(failures, max);
        var delay = TimeSpan.FromTicks(ceiling.Ticks / 2 + (long)(ceiling.Ticks / 2 * Math.Clamp(jitter, 0, 1)));
        if (retryAfter is { } asked && asked > delay) delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        return delay;
    }
}
