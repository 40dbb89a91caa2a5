using ConfigAdmin.Client;

namespace ConfigAdmin.Tests.Client;

[Trait("Category", "Unit")]
public sealed class BackoffTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Ceiling_DoublesFromOneSecondUpToTheCap(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Ceiling(failures, Cap));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(50)]
    public void Delay_StaysWithinHalfTheCeilingAndTheCeiling(int failures)
    {
        var ceiling = Backoff.Ceiling(failures, Cap);
        Assert.Equal(ceiling / 2, Backoff.Delay(failures, Cap, null, 0));
        Assert.Equal(ceiling, Backoff.Delay(failures, Cap, null, 1));
        foreach (var jitter in new[] { 0.1, 0.5, 0.99 })
        {
            var delay = Backoff.Delay(failures, Cap, null, jitter);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Delay_JitterSpreadsRetries()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(5, Cap, null, random.NextDouble())).Distinct().Count();
        Assert.True(delays > 40, $"only {delays} distinct delays");
    }

    [Fact]
    public void Delay_HonoursALongerRetryAfter_UpToFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), Backoff.Delay(1, Cap, TimeSpan.FromSeconds(20), 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), Backoff.Delay(1, Cap, TimeSpan.FromHours(1), 0.5));
        Assert.InRange(Backoff.Delay(3, Cap, TimeSpan.FromMilliseconds(1), 0.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Delay_SmallCap_IsTheCap()
    {
        var cap = TimeSpan.FromMilliseconds(200);
        Assert.InRange(Backoff.Delay(3, cap, null, 0.3), TimeSpan.FromMilliseconds(100), cap);
    }
}
