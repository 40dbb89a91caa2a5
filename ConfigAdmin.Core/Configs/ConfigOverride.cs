using ConfigAdmin.Core.Environments;

namespace ConfigAdmin.Core.Configs;

/// <summary>A key's value in one environment. It has no version of its own: changing it bumps the key's.</summary>
public sealed class ConfigOverride
{
    public Guid ConfigId { get; set; }
    public ConfigKey? Config { get; set; }
    public Guid EnvironmentId { get; set; }
    public ConfigEnvironment? Environment { get; set; }
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
