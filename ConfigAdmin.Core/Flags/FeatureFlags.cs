using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// Where flags live among keys: a flag is a key of type <see cref="ConfigValueType.Flag"/> named
/// <c>feature_management:&lt;id&gt;</c>, one definition per environment as its overrides (ADR 0022). Clients read them
/// grouped under the reserved key <c>feature_management</c>, the section Microsoft.FeatureManagement reads.
/// </summary>
public static class FeatureFlags
{
    /// <summary>The reserved key of the client read that carries every flag of the environment.</summary>
    public const string SectionKey = "feature_management";

    public const string KeyPrefix = SectionKey + ":";

    /// <summary>Key length less the prefix (19 characters).</summary>
    public const int MaxIdLength = ConfigRules.MaxKeyLength - 19;

    /// <summary>The key that stores the flag with this id.</summary>
    public static string KeyOf(string id) => KeyPrefix + id;

    /// <summary>The flag id a flag key stores, or null when the key is not spelled as a flag key.</summary>
    public static string? IdOf(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal) && key.Length > KeyPrefix.Length ? key[KeyPrefix.Length..] : null;

    /// <summary>
    /// True for <c>feature_management</c>, <c>FeatureManagement</c> and anything under either, ignoring case: the library
    /// reads both sections, so a plain key there could switch a flag around its validation.
    /// </summary>
    public static bool IsReserved(string key)
    {
        foreach (var section in (ReadOnlySpan<string>)["feature_management", "FeatureManagement"])
        {
            if (key.Equals(section, StringComparison.OrdinalIgnoreCase)) return true;
            if (key.Length > section.Length && key[section.Length] == ':' && key.StartsWith(section, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Null when <paramref name="id"/> is a valid flag id (key naming without ':'), else why not.</summary>
    public static string? CheckId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "A flag id is required.";
        if (id.Contains(':', StringComparison.Ordinal)) return "A flag id must not contain ':'.";
        if (id.Length > MaxIdLength) return $"A flag id must be at most {MaxIdLength} characters.";
        return ConfigRules.CheckKey(id)?.Replace("Key ", "A flag id ", StringComparison.Ordinal);
    }

    /// <summary>Faults of a flag key's own fields (its name, default and secret flag), as sentences.</summary>
    public static IEnumerable<string> KeyFaults(string key, string? defaultValue, bool isSecret)
    {
        if (IdOf(key) is not { } id || CheckId(id) is not null)
            yield return $"A flag is stored as the key '{KeyPrefix}<id>' with a valid id ('{key}' is not).";
        if (defaultValue is not null) yield return "A flag has no default value: it is defined per environment (absent means off).";
        if (isSecret) yield return "A flag cannot be secret.";
    }
}
