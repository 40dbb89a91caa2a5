using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Core.Resolution;

/// <summary>
/// Which resolved document: the application's id, the environment (ignoring case), whether it explains sources, and
/// how it shows secret values (in clear, masked, left out) — each caller gets the variant its role allows.
/// </summary>
public readonly record struct CacheKey(Guid ApplicationId, string Environment, bool Explain, SecretView View = SecretView.Clear);

/// <summary>A <see cref="CacheKey"/> whose environment is still a slice of the request, for lookups that allocate nothing.</summary>
public readonly ref struct CacheKeyLookup(Guid applicationId, ReadOnlySpan<char> environment, bool explain, SecretView view)
{
    public Guid ApplicationId { get; } = applicationId;
    public ReadOnlySpan<char> Environment { get; } = environment;
    public bool Explain { get; } = explain;
    public SecretView View { get; } = view;
}

/// <summary>Equality of cache keys with the environment compared ignoring case, for keys and their span twins alike.</summary>
public sealed class CacheKeyComparer : IEqualityComparer<CacheKey>, IAlternateEqualityComparer<CacheKeyLookup, CacheKey>
{
    public static readonly CacheKeyComparer Instance = new();

    public bool Equals(CacheKey x, CacheKey y) =>
        x.ApplicationId == y.ApplicationId && x.Explain == y.Explain && x.View == y.View
        && string.Equals(x.Environment, y.Environment, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(CacheKey key) => Hash(key.ApplicationId, key.Environment, key.Explain, key.View);

    public bool Equals(CacheKeyLookup alternate, CacheKey other) =>
        alternate.ApplicationId == other.ApplicationId && alternate.Explain == other.Explain && alternate.View == other.View
        && alternate.Environment.Equals(other.Environment, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(CacheKeyLookup alternate) => Hash(alternate.ApplicationId, alternate.Environment, alternate.Explain, alternate.View);

    public CacheKey Create(CacheKeyLookup alternate) =>
        new(alternate.ApplicationId, alternate.Environment.ToString(), alternate.Explain, alternate.View);

    private static int Hash(Guid application, ReadOnlySpan<char> environment, bool explain, SecretView view) =>
        HashCode.Combine(application, string.GetHashCode(environment, StringComparison.OrdinalIgnoreCase), explain, view);
}
