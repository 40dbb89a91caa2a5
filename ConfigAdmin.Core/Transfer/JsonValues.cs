using System.Globalization;
using System.Text.Json;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>Types of JSON tokens read from json and flat files.</summary>
internal static class JsonValues
{
    /// <summary>
    /// A string is String; true/false Boolean; an integer token that fits 64 bits Integer (canonical spelling);
    /// any other number Number, spelled as in the file.
    /// </summary>
    public static TransferValue Scalar(string key, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new(key, ConfigValueType.String, element.GetString()!),
        JsonValueKind.True => new(key, ConfigValueType.Boolean, "true"),
        JsonValueKind.False => new(key, ConfigValueType.Boolean, "false"),
        JsonValueKind.Number when element.TryGetInt64(out var l) =>
            new(key, ConfigValueType.Integer, l.ToString(CultureInfo.InvariantCulture)),
        JsonValueKind.Number => new(key, ConfigValueType.Number, element.GetRawText()),
        _ => throw new ArgumentException($"{element.ValueKind} is not a scalar.", nameof(element)),
    };

    /// <summary>Runs a walk of a parsed file, turning a string with a lone surrogate escape into a format error.</summary>
    public static void Walk(string format, Action walk)
    {
        try
        {
            walk();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            throw new TransferFormatException(format, "a string holds an invalid \\u escape (a lone surrogate).");
        }
    }
}
