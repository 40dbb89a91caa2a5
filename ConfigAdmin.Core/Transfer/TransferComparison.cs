using System.Globalization;
using System.Text.Json;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>Equality of values by their type, for an import diff: formats re-spell numbers and json.</summary>
public static class TransferComparison
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// True when <paramref name="imported"/> means the same as <paramref name="stored"/> for a key of this type:
    /// integers and numbers by value, json by content (<see cref="JsonElement.DeepEquals"/>), strings and booleans
    /// as written. A value that does not parse as the type is compared as written.
    /// </summary>
    public static bool SameValue(ConfigValueType type, string stored, string imported)
    {
        if (string.Equals(stored, imported, StringComparison.Ordinal)) return true;
        return type switch
        {
            ConfigValueType.Integer => TryLong(stored, out var a) && TryLong(imported, out var b) && a == b,
            ConfigValueType.Number => TryDouble(stored, out var a) && TryDouble(imported, out var b) && a == b,
            ConfigValueType.Json => SameJson(stored, imported),
            _ => false,
        };
    }

    private static bool TryLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool SameJson(string stored, string imported)
    {
        var options = new JsonDocumentOptions { MaxDepth = TransferLimits.MaxDepth };
        try
        {
            using var a = JsonDocument.Parse(stored, options);
            using var b = JsonDocument.Parse(imported, options);
            return JsonElement.DeepEquals(a.RootElement, b.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
