namespace ConfigAdmin.Core.Configs;

/// <summary>Encrypts and decrypts secret values at rest (ASP.NET Core Data Protection, in ConfigAdmin.Data).</summary>
public interface ISecretProtector
{
    string Protect(string clear);
    string Unprotect(string stored);
}

/// <summary>
/// The one rule for stored values: a secret key's default and overrides are stored encrypted, everything else in
/// clear. Entities hold the stored form; services open a value only to use it, and seal it again to store it.
/// </summary>
public sealed class SecretValues(ISecretProtector protector)
{
    /// <summary>Marks an encrypted value, so a stored value says what it is.</summary>
    public const string Prefix = "dp1:";

    public string? Seal(bool secret, string? clear) => secret && clear is not null ? Prefix + protector.Protect(clear) : clear;

    public string? Open(bool secret, string? stored) =>
        secret && stored is not null
            ? protector.Unprotect(stored.StartsWith(Prefix, StringComparison.Ordinal) ? stored[Prefix.Length..] : stored)
            : stored;
}
