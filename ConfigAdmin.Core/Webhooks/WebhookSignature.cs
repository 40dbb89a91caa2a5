using System.Security.Cryptography;
using System.Text;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// Signatures per the Standard Webhooks spec: the secret is <c>whsec_</c> + base64 key bytes; each attempt signs
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> with HMAC-SHA256 and sends <c>webhook-signature: v1,&lt;base64&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const int MinKeyBytes = 24, MaxKeyBytes = 64, GeneratedKeyBytes = 32;

    /// <summary>A fresh secret of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));

    /// <summary>The key bytes of a well-formed secret (<c>whsec_</c> + base64 of 24–64 bytes), else null.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return null;
        var text = secret[SecretPrefix.Length..];
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length is < MinKeyBytes or > MaxKeyBytes) return null;
        return buffer[..length];
    }

    /// <summary>The <c>webhook-signature</c> header's value for one attempt.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret));
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
