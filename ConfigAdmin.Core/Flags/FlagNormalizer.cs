using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// A flag definition in the library's spelling: known property names, filter names (aliases become
/// <c>Microsoft.*</c>) and <c>requirement_type</c> values respelled, <c>id</c> first and set to the flag's id. Unknown
/// names and custom filters' parameters are kept as given; a definition with a name given twice (ignoring case) is kept
/// as it is, for the validator to point at.
/// </summary>
public static class FlagNormalizer
{
    /// <summary>The text to store of <paramref name="flag"/>, the definition of the flag <paramref name="id"/>.</summary>
    public static string Normalize(string id, JsonElement flag)
    {
        if (flag.ValueKind != JsonValueKind.Object || HasDuplicateNames(flag)) return flag.GetRawText();
        var result = new JsonObject { ["id"] = id };
        foreach (var (name, value) in Respelled(JsonNode.Parse(flag.GetRawText())!.AsObject(), FlagShape.Flag))
            if (name != "id") result[name] = value;
        if (result["conditions"] is JsonObject conditions)
        {
            if (conditions["requirement_type"] is JsonValue type && type.TryGetValue<string>(out var text) && text.Length > 0
                && (text.Equals("any", StringComparison.OrdinalIgnoreCase) || text.Equals("all", StringComparison.OrdinalIgnoreCase)))
                conditions["requirement_type"] = char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();
            if (conditions["client_filters"] is JsonArray filters)
                foreach (var filter in filters.OfType<JsonObject>()) RespellFilter(filter);
        }
        return result.ToJsonString();
    }

    private static void RespellFilter(JsonObject filter)
    {
        if (filter["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name)) return;
        if (FilterNames.Canonical(name) is not { } canonical) return;
        filter["name"] = canonical;
        if (filter["parameters"] is JsonObject parameters) filter["parameters"] = Rebuild(parameters, FilterNames.ParametersOf(canonical)!);
    }

    /// <summary>The object's properties in order (detached from it), known names respelled and their children in turn.</summary>
    private static List<(string Name, JsonNode? Value)> Respelled(JsonObject node, FlagShape shape)
    {
        var properties = node.ToList();
        node.Clear();
        return properties.Select(p => shape.Find(p.Key) is { } known
            ? (known.Name, known.Child is { } child ? Respell(p.Value, child) : p.Value)
            : (p.Key, p.Value)).ToList();
    }

    private static JsonNode? Respell(JsonNode? value, FlagShape shape)
    {
        if (shape.ItemShape is { } item)
        {
            if (value is not JsonArray array) return value;
            var items = array.ToList();
            array.Clear();
            return new JsonArray(items.Select(e => e is JsonObject o ? Rebuild(o, item) : e).ToArray());
        }
        return value is JsonObject obj ? Rebuild(obj, shape) : value;
    }

    private static JsonObject Rebuild(JsonObject obj, FlagShape shape)
    {
        var result = new JsonObject();
        foreach (var (name, value) in Respelled(obj, shape)) result[name] = value;
        return result;
    }

    private static bool HasDuplicateNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1)
                                || element.EnumerateObject().Any(p => HasDuplicateNames(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasDuplicateNames),
        _ => false,
    };
}
