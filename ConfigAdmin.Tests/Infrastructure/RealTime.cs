namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The suite's only real waits, for what no event can announce: that nothing happens, and a moment between two writes
/// of an app that stamps them with the system clock. Everything else awaits the event itself or polls it
/// (<see cref="Eventually"/>), and tests of expiry, backoff, lockout and keep-alive move a <c>FakeTimeProvider</c>.
/// </summary>
public static class RealTime
{
    /// <summary>How far a moment stays from the writes on each side: more than either database's timestamp precision.</summary>
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Lets <paramref name="span"/> of real time pass, to show that something does NOT happen in it (a request after
    /// disposal, a delivery sent twice): an absence has no event to await.
    /// </summary>
    public static Task PassAsync(TimeSpan span) => Task.Delay(span);

    /// <summary>
    /// A moment (ISO 8601) strictly after every write made before the call and strictly before every write made after
    /// it, for reading the past ("as it was at"): the app under test stamps writes with the system clock.
    /// </summary>
    public static async Task<string> MomentBetweenWritesAsync()
    {
        await PassAsync(Gap);
        var at = DateTimeOffset.UtcNow.ToString("O");
        await PassAsync(Gap);
        return at;
    }
}
