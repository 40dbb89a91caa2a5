using System.Globalization;

namespace Bench.Live;

/// <summary>Percentiles of a sample of delays in milliseconds, printed the way docs/benchmarks.md records them.</summary>
public static class Stats
{
    public static string Summary(IReadOnlyCollection<double> ms)
    {
        if (ms.Count == 0) return "no samples";
        var sorted = ms.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} p50={At(sorted, 0.50):F1} ms p99={At(sorted, 0.99):F1} ms max={sorted[^1]:F1} ms");
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
