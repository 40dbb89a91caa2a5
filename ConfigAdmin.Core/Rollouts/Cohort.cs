using System.Security.Cryptography;
using System.Text;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// Which instances a percentage covers: each instance has a fixed place (0-9999) per rollout from a hash of the
/// rollout and its id, and a stage of p % covers the places below p × 100. An instance covered stays covered as the
/// percentage grows (sticky), and different rollouts pick different instances first.
/// </summary>
public static class Cohort
{
    public const int Places = 10_000;

    public static int PlaceOf(long rolloutId, string instanceId)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = $"{rolloutId}:{instanceId}";
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (int)(BitConverter.ToUInt32(hash) % Places);
    }

    /// <summary>True when the instance reads the target at <paramref name="percent"/>, or is a canary.</summary>
    public static bool Covers(long rolloutId, string instanceId, int percent, IReadOnlyCollection<string> canary) =>
        percent >= 100 || canary.Contains(instanceId) || Covers(PlaceOf(rolloutId, instanceId), percent);

    /// <summary>True when a place (from <see cref="PlaceOf"/>) falls inside <paramref name="percent"/>.</summary>
    public static bool Covers(int place, int percent) => percent >= 100 || place < percent * (Places / 100);
}
