using System.Text.Json;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// The full state of one key after a committed change, so any past state can be rebuilt exactly, secrets included
/// (stored as at rest, encrypted). A deletion is a revision too. Nothing edits or deletes revisions.
/// </summary>
public sealed class ConfigRevision
{
    public long Id { get; set; }

    /// <summary>Not a foreign key: a key's history outlives the key (and is what brings it back).</summary>
    public Guid ConfigId { get; set; }

    public Guid ApplicationId { get; set; }
    public string Key { get; set; } = "";
    public ConfigValueType ValueType { get; set; }
    public string? DefaultValue { get; set; }
    public string? Description { get; set; }
    public bool IsSecret { get; set; }

    /// <summary>The key's JSON Schema then (compact text), so going back brings back the schema with the values.</summary>
    public string? Schema { get; set; }

    /// <summary>Environment name → stored value, as JSON.</summary>
    public string Overrides { get; set; } = "{}";

    /// <summary>The key was deleted by this change.</summary>
    public bool Deleted { get; set; }

    /// <summary>The first revision of a key that existed before revisions were kept: history starts here.</summary>
    public bool Baseline { get; set; }

    public DateTime ChangedAt { get; set; }
    public DateTime KeyCreatedAt { get; set; }
    public long Version { get; set; }

    public IReadOnlyDictionary<string, string> OverrideValues() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Overrides) ?? new Dictionary<string, string>();

    /// <summary>The key's state now, as it is tracked (overrides with their environments loaded).</summary>
    public static ConfigRevision Of(ConfigKey config, DateTime changedAt, bool deleted = false, bool baseline = false) => new()
    {
        ConfigId = config.Id, ApplicationId = config.ApplicationId, Key = config.Key, ValueType = config.ValueType,
        DefaultValue = config.DefaultValue, Description = config.Description, IsSecret = config.IsSecret, Schema = config.Schema,
        Overrides = JsonSerializer.Serialize(config.Overrides.OrderBy(o => o.Environment!.Name, StringComparer.Ordinal)
            .ToDictionary(o => o.Environment!.Name, o => o.Value)),
        Deleted = deleted, Baseline = baseline, ChangedAt = changedAt, KeyCreatedAt = config.CreatedAt, Version = config.Version,
    };
}
