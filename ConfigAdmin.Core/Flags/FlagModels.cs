using System.Text.Json;

namespace ConfigAdmin.Core.Flags;

/// <summary>One flag's definition in one environment, as stored (the library's spelling); <c>Version</c> is the flag's ETag.</summary>
public sealed record FlagDefinition(string Id, string Environment, JsonElement Flag, long Version);

/// <summary>A flag of an application with its definition per environment (environments without one have it off).</summary>
public sealed record FlagSummary(string Id, Guid KeyId, long Version, IReadOnlyDictionary<string, JsonElement> Environments)
{
    /// <summary>True when the flag is defined and enabled in <paramref name="environment"/> (its filters aside).</summary>
    public bool IsEnabledIn(string environment) =>
        Environments.TryGetValue(environment, out var flag) && flag.ValueKind == JsonValueKind.Object
        && flag.EnumerateObject().Any(p => p.NameEquals("enabled") && p.Value.ValueKind == JsonValueKind.True);
}

/// <summary>The flags of one environment (<c>GET …/feature-flags?environment=</c>): each definition as clients read it.</summary>
public sealed record FlagList(string Environment, IReadOnlyList<JsonElement> Items);

/// <summary>All flags of an application, each with its definitions per environment.</summary>
public sealed record FlagOverview(IReadOnlyList<FlagSummary> Items);
