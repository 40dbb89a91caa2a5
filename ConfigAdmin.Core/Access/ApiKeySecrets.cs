using System.Security.Cryptography;
using System.Text;

namespace ConfigAdmin.Core.Access;

/// <summary>How API key secrets are made and recognised.</summary>
public static class ApiKeySecrets
{
    public const string Prefix = "ca_";

    /// <summary>The longest bearer secret looked up; a longer one can match no key.</summary>
    public const int MaxSecretLength = 128;
    private const int RandomBytes = 32;

    /// <summary>A new secret: <c>ca_</c> and 32 random bytes, base64url.</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>The stored form of a secret.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The hash of a secret given as a slice of a header, without allocating.</summary>
    public static SecretHash HashOf(ReadOnlySpan<char> secret)
    {
        // Three bytes per UTF-16 unit hold any string of that length (a surrogate pair takes four for two).
        Span<byte> utf8 = stackalloc byte[MaxSecretLength * 3];
        if (secret.Length > MaxSecretLength || !Encoding.UTF8.TryGetBytes(secret, utf8, out var length)) return default;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..length], hash);
        return new SecretHash(hash);
    }

    public static string HintOf(string secret) => secret[..Math.Min(secret.Length, Prefix.Length + 4)] + "…";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A SHA-256 as a value: usable as a dictionary key with no allocation.</summary>
public readonly record struct SecretHash(ulong A, ulong B, ulong C, ulong D)
{
    public SecretHash(ReadOnlySpan<byte> hash) : this(
        BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
        BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..32]))
    {
    }

    public bool IsEmpty => this == default;
}
