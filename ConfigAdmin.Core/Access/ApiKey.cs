namespace ConfigAdmin.Core.Access;

/// <summary>
/// A machine's credential. The secret (<c>ca_</c> + 32 random bytes, URL-safe) is shown once; only its SHA-256 is
/// stored (it has 256 bits of entropy, so a fast hash is enough and keeps every request's check cheap).
/// </summary>
public sealed class ApiKey
{
    private string _name = "";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name
    {
        get => _name;
        set { _name = value; NormalizedName = value.ToUpperInvariant(); }
    }

    /// <summary>Names are unique ignoring case: the audit log names keys (<c>key:&lt;name&gt;</c>).</summary>
    public string NormalizedName { get; private set; } = "";

    public Role Role { get; set; }

    /// <summary>The applications the key covers, by id (they follow renames); null for every application.</summary>
    public List<Guid>? Applications { get; set; }

    /// <summary>The environments a client key may read; null for every environment.</summary>
    public List<string>? Environments { get; set; }

    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAt { get; set; }
    public byte[] SecretHash { get; set; } = [];

    /// <summary>The secret's first characters, so a person can tell keys apart without the secret.</summary>
    public string Hint { get; set; } = "";
}
