namespace ConfigAdmin.Core.Resolution;

/// <summary>Which resolved document: the application's id, the environment (ignoring case) and whether it explains sources.</summary>
public readonly record struct CacheKey(Guid ApplicationId, string Environment, bool Explain);

/// <summary>A <see cref="CacheKey"/> whose environment is still a slice of the request, for lookups that allocate nothing.</summary>
public readonly ref struct CacheKeyLookup(Guid applicationId, ReadOnlySpan<char> environment, bool explain)
{
    public Guid ApplicationId { get; } = applicationId;
    public ReadOnlySpan<char> Environment { get; } = environment;
    public bool Explain { get; } = explain;
}

/// <summary>Equality of cache keys with the environment compared ignoring case, for keys and their span twins alike.</summary>
public sealed class CacheKeyComparer : IEqualityComparer<CacheKey>, IAlternateEqualityComparer<CacheKeyLookup, CacheKey>
{
    public static readonly CacheKeyComparer Instance = new();

    public bool Equals(CacheKey x, CacheKey y) =>
        x.ApplicationId == y.ApplicationId && x.Explain == y.Explain
        && string.Equals(x.Environment, y.Environment, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(CacheKey key) => Hash(key.ApplicationId, key.Environment, key.Explain);

    public bool Equals(CacheKeyLookup alternate, CacheKey other) =>
        alternate.ApplicationId == other.ApplicationId && alternate.Explain == other.Explain
        && alternate.Environment.Equals(other.Environment, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(CacheKeyLookup alternate) => Hash(alternate.ApplicationId, alternate.Environment, alternate.Explain);

    public CacheKey Create(CacheKeyLookup alternate) => new(alternate.ApplicationId, alternate.Environment.ToString(), alternate.Explain);

    private static int Hash(Guid application, ReadOnlySpan<char> environment, bool explain) =>
        HashCode.Combine(application, string.GetHashCode(environment, StringComparison.OrdinalIgnoreCase), explain);
}
