using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Applications;

/// <summary>An application whose settings ConfigAdmin keeps.</summary>
public sealed class Application : IVersioned
{
    private string _name = "";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name
    {
        get => _name;
        set { _name = value; NormalizedName = Normalize(value); }
    }

    /// <summary>Upper-case twin of <see cref="Name"/> with a unique index: names are unique ignoring case on both providers.</summary>
    public string NormalizedName { get; private set; } = "";

    public string? Description { get; set; }
    public string Owner { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
    public List<ConfigKey> Configs { get; set; } = [];

    public static string Normalize(string name) => name.ToUpperInvariant();
}
