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
}
