using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Configs;

/// <summary>A typed configuration key of one application, with a default and per-environment overrides.</summary>
public sealed class ConfigKey : IVersioned
{
    private string _key = "";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; set; }
    public Application? Application { get; set; }

    public string Key
    {
        get => _key;
        set { _key = value; NormalizedKey = value.ToUpperInvariant(); }
    }

    /// <summary>Upper-case twin of <see cref="Key"/>: .NET configuration keys are case-insensitive.</summary>
    public string NormalizedKey { get; private set; } = "";

    public ConfigValueType ValueType { get; set; }
    public string? DefaultValue { get; set; }
    public string? Description { get; set; }
    public bool IsSecret { get; set; }

    /// <summary>A json key's JSON Schema (2020-12) as compact text; every value of the key must validate.</summary>
    public string? Schema { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
    public List<ConfigOverride> Overrides { get; set; } = [];
}
