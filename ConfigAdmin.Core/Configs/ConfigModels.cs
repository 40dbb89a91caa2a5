using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Configs;

/// <summary>A new key, optionally with overrides (environment name → value).</summary>
public sealed record ConfigCreateInput(
    string? Application, string? Key, ConfigValueType? ValueType, string? DefaultValue, string? Description,
    bool IsSecret = false, IReadOnlyDictionary<string, string?>? Overrides = null);

/// <summary>A key's own fields; its overrides are left as they are.</summary>
public sealed record ConfigUpdateInput(
    string? Key, ConfigValueType? ValueType, string? DefaultValue, string? Description, bool IsSecret = false, long? Version = null);

/// <summary>One environment's value of a key; <c>Version</c> is the key's.</summary>
public sealed record OverrideInput(string? Value, long? Version = null);

/// <summary>A key as admins see it: secret values masked unless revealed on purpose.</summary>
public sealed record ConfigDto(
    Guid Id, string Application, string Key, ConfigValueType ValueType, string? DefaultValue, string? Description,
    bool IsSecret, IReadOnlyDictionary<string, string> Overrides, DateTime CreatedAt, DateTime UpdatedAt, long Version)
{
    public ConfigUpdateInput ToUpdateInput() => new(Key, ValueType, DefaultValue, Description, IsSecret, Version);
}

/// <summary>Filters and paging of the key list.</summary>
public sealed record ConfigQuery(string? Application = null, string? Environment = null, string? Search = null,
    int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged
{
    /// <summary>False leaves feature flags out (the Configs tab; they have a tab of their own).</summary>
    public bool IncludeFlags { get; init; } = true;

    public const int MaxSearchLength = 256;
}
