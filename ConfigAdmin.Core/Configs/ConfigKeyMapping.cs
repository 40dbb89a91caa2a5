using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Configs;

/// <summary>Field copies and comparisons of keys, and their admin view (secrets masked unless revealed).</summary>
internal static class ConfigKeyMapping
{
    public static void Apply(this ConfigKey c, string key, ConfigValueType type, string? defaultValue, string? description, bool isSecret,
        string? schema)
    {
        c.Key = key;
        c.ValueType = type;
        c.DefaultValue = defaultValue;
        c.Description = Writes.EmptyToNull(description);
        c.IsSecret = isSecret;
        c.Schema = schema;
    }

    /// <summary>A detached copy of the key's own fields, optionally with its default in another form (in clear).</summary>
    public static ConfigKey Copy(this ConfigKey c, string? defaultValue = null) => new()
    {
        Id = c.Id, Key = c.Key, ValueType = c.ValueType, DefaultValue = defaultValue ?? c.DefaultValue, Description = c.Description,
        IsSecret = c.IsSecret, Schema = c.Schema,
    };

    public static bool SameFields(this ConfigKey a, ConfigKey b) =>
        a.Key == b.Key && a.ValueType == b.ValueType && a.DefaultValue == b.DefaultValue
        && a.Description == b.Description && a.IsSecret == b.IsSecret && a.Schema == b.Schema;

    /// <summary>The admin view: secret values masked, or opened with <paramref name="reveal"/> for one who asked.</summary>
    public static ConfigDto ToDto(this ConfigKey c, SecretValues? reveal = null, Guid? onlyEnvironment = null)
    {
        string? Show(string? v) => reveal is null ? SecretMask.Apply(c.IsSecret, v) : reveal.Open(c.IsSecret, v);
        var overrides = c.Overrides
            .Where(o => onlyEnvironment is null || o.EnvironmentId == onlyEnvironment)
            .OrderBy(o => o.Environment?.SortOrder).ThenBy(o => o.Environment?.Name, StringComparer.Ordinal)
            .ToDictionary(o => o.Environment!.Name, o => Show(o.Value)!);
        return new ConfigDto(c.Id, c.Application!.Name, c.Key, c.ValueType, Show(c.DefaultValue), c.Description, c.IsSecret,
            overrides, c.CreatedAt, c.UpdatedAt, c.Version, c.Schema);
    }
}
