namespace ConfigAdmin.Tests.Client.Infrastructure;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; false when <paramref name="within"/> passes first.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value; fails the test when <paramref name="within"/> passes.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not there after {within.TotalSeconds} s: {value}");
            await Task.Delay(50);
        }
    }
}
