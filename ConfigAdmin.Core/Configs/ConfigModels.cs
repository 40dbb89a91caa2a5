using System.Text.Json.Serialization;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Schemas;

namespace ConfigAdmin.Core.Configs;

/// <summary>A new key, optionally with overrides (environment name → value) and, for a json key, a JSON Schema (an object).</summary>
public sealed record ConfigCreateInput(
    string? Application, string? Key, ConfigValueType? ValueType, string? DefaultValue, string? Description,
    bool IsSecret = false, IReadOnlyDictionary<string, string?>? Overrides = null,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Schema = null);

/// <summary>A key's own fields, its schema among them (omitted: removed); its overrides are left as they are.</summary>
public sealed record ConfigUpdateInput(
    string? Key, ConfigValueType? ValueType, string? DefaultValue, string? Description, bool IsSecret = false, long? Version = null,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Schema = null);

/// <summary>One environment's value of a key; <c>Version</c> is the key's.</summary>
public sealed record OverrideInput(string? Value, long? Version = null);

/// <summary>A key as admins see it: secret values masked unless revealed on purpose; a json key's schema as an object.</summary>
public sealed record ConfigDto(
    Guid Id, string Application, string Key, ConfigValueType ValueType, string? DefaultValue, string? Description,
    bool IsSecret, IReadOnlyDictionary<string, string> Overrides, DateTime CreatedAt, DateTime UpdatedAt, long Version,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Schema = null)
{
    public ConfigUpdateInput ToUpdateInput() => new(Key, ValueType, DefaultValue, Description, IsSecret, Version, Schema);
}

/// <summary>Filters and paging of the key list.</summary>
public sealed record ConfigQuery(string? Application = null, string? Environment = null, string? Search = null,
    int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged
{
    public const int MaxSearchLength = 256;
}
