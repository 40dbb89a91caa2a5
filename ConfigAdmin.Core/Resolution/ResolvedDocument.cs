using System.Security.Cryptography;

namespace ConfigAdmin.Core.Resolution;

/// <summary>A resolved configuration pre-serialized as UTF-8 JSON, with its strong ETag (a hash of the bytes).</summary>
public sealed class ResolvedDocument
{
    public ResolvedDocument(byte[] body, bool hasClearSecrets = false)
    {
        Body = body;
        HasClearSecrets = hasClearSecrets;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        ETag = "\"" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_') + "\"";
    }

    public byte[] Body { get; }

    /// <summary>True when the body holds a secret value in clear: no cache on the way may keep it.</summary>
    public bool HasClearSecrets { get; }

    /// <summary>Strong, quoted; equal exactly when the bytes are equal.</summary>
    public string ETag { get; }
}

/// <summary>One resolved key: its stored value, type and where the value came from.</summary>
public sealed record ResolvedValue(string Key, Configs.ConfigValueType Type, string Value, string Source, bool IsSecret);
