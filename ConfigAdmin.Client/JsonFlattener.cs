using System.Globalization;
using System.Text.Json;

namespace ConfigAdmin.Client;

/// <summary>
/// The resolved document, <c>{ "key": typedValue }</c>, as configuration key/value pairs, spelled the way
/// Microsoft.Extensions.Configuration.Json spells a file: objects become sections, arrays <c>:0</c>, <c>:1</c>, numbers
/// keep their exact JSON text, booleans are <c>true</c>/<c>false</c>.
/// </summary>
internal static class JsonFlattener
{
    /// <summary>Flattens a document; <paramref name="collisions"/> collects keys that two entries both produced (the later wins).</summary>
    /// <exception cref="FormatException">The document is not a JSON object.</exception>
    public static Dictionary<string, string?> Flatten(JsonElement document, List<string>? collisions = null)
    {
        if (document.ValueKind != JsonValueKind.Object)
            throw new FormatException($"The configuration document must be a JSON object, not {document.ValueKind}.");
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.EnumerateObject())
            Visit(property.Name, property.Value, data, collisions);
        return data;
    }

    private static void Visit(string key, JsonElement value, Dictionary<string, string?> data, List<string>? collisions)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var anyProperty = false;
                foreach (var property in value.EnumerateObject())
                {
                    anyProperty = true;
                    Visit(key + ":" + property.Name, property.Value, data, collisions);
                }
                // As the JSON file provider does: an empty object or array still names its (empty) section.
                if (!anyProperty) Set(key, null, data, collisions);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Visit(key + ":" + index++.ToString(CultureInfo.InvariantCulture), item, data, collisions);
                if (index == 0) Set(key, null, data, collisions);
                break;
            case JsonValueKind.String:
                Set(key, value.GetString(), data, collisions);
                break;
            case JsonValueKind.Number:
                // The JSON text itself: invariant, and exactly what the admin stored (1.50 stays 1.50).
                Set(key, value.GetRawText(), data, collisions);
                break;
            case JsonValueKind.True:
                Set(key, "true", data, collisions);
                break;
            case JsonValueKind.False:
                Set(key, "false", data, collisions);
                break;
            default:
                // null: no value, so no key; the app's own default stays in force.
                break;
        }
    }

    private static void Set(string key, string? value, Dictionary<string, string?> data, List<string>? collisions)
    {
        if (data.ContainsKey(key)) collisions?.Add(key);
        data[key] = value;
    }
}
