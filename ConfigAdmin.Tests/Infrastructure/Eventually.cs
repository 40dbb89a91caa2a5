using System.Diagnostics;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The one way a test waits for something that happens elsewhere (another node, another process, a background loop,
/// a server's log): it asks again every <see cref="Interval"/> until the answer is there, so it returns as soon as it
/// happened, and gives up after the time it was given. Where the event itself can be awaited (a task, a signal, a
/// counter the app keeps), await that instead.
/// </summary>
public static class Eventually
{
    /// <summary>How often the condition is asked again: the suite's one poll interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; false when <paramref name="within"/> passes first.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan within) => TrueAsync(() => Task.FromResult(condition()), within);

    /// <summary>Polls <paramref name="condition"/> until it holds; false when <paramref name="within"/> passes first.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within) return false;
            await Task.Delay(Interval); // the poll interval, between two askings; never a wait for something to happen
        }
        return true;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> saying <paramref name="failure"/> when <paramref name="within"/> passes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string failure)
    {
        if (!await TrueAsync(condition, within)) throw new TimeoutException($"{failure} (after {within.TotalSeconds:0.#} s)");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> saying <paramref name="failure"/> when <paramref name="within"/> passes.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan within, string failure) =>
        UntilAsync(() => Task.FromResult(condition()), within, failure);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value; fails the test when <paramref name="within"/> passes.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var value = default(T);
        if (!await TrueAsync(async () => done(value = await read()), within))
            throw new TimeoutException($"Still not there after {within.TotalSeconds} s: {value}");
        return value!;
    }
}
