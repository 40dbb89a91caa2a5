using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Environments;

/// <summary>A deployment environment (development, staging, production, ...), global to the deployment.</summary>
public sealed class ConfigEnvironment : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lower-case by rule and never renamed: clients put it in their URLs.</summary>
    public string Name { get; set; } = "";

    public string? Description { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Approvals a change to this environment's resolved documents needs (0: none, the environment is not protected).</summary>
    public int RequiredApprovals { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; } = 1;
}
