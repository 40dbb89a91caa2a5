using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// A starting schema for a json key, read from one of its values: every property typed and required as the value
/// has it, arrays typed by their items. The admin tightens it from there (ranges, formats, closed objects).
/// </summary>
public static class SchemaInference
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema of <paramref name="value"/> (well-formed JSON), indented; null when it is not JSON.</summary>
    public static string? Infer(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value, documentOptions: new JsonDocumentOptions { MaxDepth = SchemaLimits.MaxDepth });
        }
        catch (JsonException)
        {
            return null;
        }
        var schema = Of(node);
        var root = new JsonObject { ["$schema"] = SchemaCompiler.Dialect };
        foreach (var (name, part) in schema.ToList())
        {
            schema.Remove(name);
            root[name] = part;
        }
        return root.ToJsonString(Indented);
    }

    private static JsonObject Of(JsonNode? node) => node switch
    {
        null => new JsonObject { ["type"] = "null" },
        JsonObject o => Object(o),
        JsonArray a => Array(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => new JsonObject { ["type"] = "string" },
            JsonValueKind.Number => new JsonObject { ["type"] = v.TryGetValue<long>(out _) ? "integer" : "number" },
            JsonValueKind.True or JsonValueKind.False => new JsonObject { ["type"] = "boolean" },
            _ => new JsonObject(),
        },
        _ => new JsonObject(),
    };

    private static JsonObject Object(JsonObject value)
    {
        var properties = new JsonObject();
        foreach (var (name, child) in value) properties[name] = Of(child);
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (value.Count > 0) schema["required"] = new JsonArray(value.Select(p => (JsonNode?)JsonValue.Create(p.Key)).ToArray());
        return schema;
    }

    /// <summary>Items of one shape give that shape; mixed items give their types only.</summary>
    private static JsonObject Array(JsonArray value)
    {
        var schema = new JsonObject { ["type"] = "array" };
        if (value.Count == 0) return schema;
        var shapes = value.Select(Of).ToList();
        var first = shapes[0].ToJsonString();
        if (shapes.All(s => s.ToJsonString() == first)) schema["items"] = shapes[0];
        else
        {
            var types = shapes.Select(s => s["type"]?.GetValue<string>()).OfType<string>().Distinct().ToList();
            schema["items"] = new JsonObject { ["type"] = types.Count == 1 ? types[0] : new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) };
        }
        return schema;
    }
}
