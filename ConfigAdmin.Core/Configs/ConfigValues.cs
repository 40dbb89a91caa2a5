using System.Globalization;
using System.Text.Json;

namespace ConfigAdmin.Core.Configs;

/// <summary>Parsing and typed JSON output of stored values: the one place that knows what each type accepts.</summary>
public static class ConfigValues
{
    public const int MaxValueBytes = 64 * 1024;

    private const int MaxJsonDepth = 64;

    /// <summary>Null when <paramref name="value"/> parses as <paramref name="type"/>, else why not.</summary>
    public static string? Check(ConfigValueType type, string value) => type switch
    {
        ConfigValueType.String => null,
        ConfigValueType.Integer => TryInteger(value, out _) ? null : "must be a 64-bit integer, such as 42 or -7.",
        ConfigValueType.Number => TryNumber(value, out _) ? null : "must be a number with a dot for decimals and no thousands separators, such as 3.14 or -0.5.",
        ConfigValueType.Boolean => value is "true" or "false" ? null : "must be true or false.",
        ConfigValueType.Json => JsonProblem(value) is { } where ? $"must be well-formed JSON.{(where.Length > 0 ? " " + where : "")}" : null,
        // The definition itself is checked by Flags.FlagRules, which points into it.
        ConfigValueType.Flag => JsonProblem(value) is null && value.TrimStart().StartsWith('{') ? null : "must be a flag definition (a JSON object).",
        _ => "has an unknown type.",
    };

    /// <summary>Writes a stored (already valid) value as the typed JSON a client receives.</summary>
    public static void Write(Utf8JsonWriter writer, ConfigValueType type, string value)
    {
        switch (type)
        {
            case ConfigValueType.Integer when TryInteger(value, out var l):
                writer.WriteNumberValue(l);
                break;
            case ConfigValueType.Number when TryNumber(value, out var d):
                writer.WriteNumberValue(d);
                break;
            case ConfigValueType.Boolean:
                writer.WriteBooleanValue(value == "true");
                break;
            case ConfigValueType.Json or ConfigValueType.Flag:
                // Re-written compact, so the bytes (and the ETag) do not depend on how the value was spaced.
                using (var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = MaxJsonDepth }))
                    document.RootElement.WriteTo(writer);
                break;
            default:
                writer.WriteStringValue(value);
                break;
        }
    }

    private static bool TryInteger(string value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    private static bool TryNumber(string value, out double result) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out result) && double.IsFinite(result);

    /// <summary>Null for well-formed JSON, else where it goes wrong: "Error at line 2, column 7." (both from 1, in characters).</summary>
    private static string? JsonProblem(string value)
    {
        try
        {
            using var _ = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return null;
        }
        catch (JsonException ex) when (ex.LineNumber is { } line && ex.BytePositionInLine is { } bytes)
        {
            var lines = value.Split('\n');
            var text = line < lines.Length ? lines[line] : "";
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            var column = System.Text.Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
            return $"Error at line {line + 1}, column {column}.";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
