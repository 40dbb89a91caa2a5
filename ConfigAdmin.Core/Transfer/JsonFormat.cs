using System.Text.Json;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// Nested appsettings.json: keys split on ':' into objects, typed values, json-typed values as nested sections.
/// Reading flattens objects to "A:B", arrays to "A:0", "A:1", and skips nulls.
/// </summary>
public sealed class JsonFormat : IEnvironmentFormat
{
    public string Name => "json";
    public string MediaType => "application/json";
    public string FileExtension => ".json";

    /// <summary>Pretty-printed nested JSON; throws <see cref="ExportConflictException"/> when a key is a value and a parent.</summary>
    public string Write(IEnumerable<TransferValue> values)
    {
        var root = KeyTree.Build(values);
        return JsonText.WritePretty(writer => WriteNode(writer, root));
    }

    /// <summary>The flattened values of an appsettings-style file (comments and trailing commas allowed).</summary>
    public IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null)
    {
        text = TransferText.Prepare(text, Name);
        using var document = JsonText.Parse(text, Name);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new TransferFormatException(Name, "the root must be a JSON object.", 1, 1);
        var entries = new EntryCollector(Name, jsonKeys);
        JsonValues.Walk(Name, () =>
        {
            foreach (var property in document.RootElement.EnumerateObject()) Visit(entries, property.Name, property.Value);
        });
        return entries.Values;
    }

    private static void WriteNode(Utf8JsonWriter writer, KeyTree node)
    {
        writer.WriteStartObject();
        foreach (var child in node.Children)
        {
            writer.WritePropertyName(child.Name);
            if (child.Value is { } value) ConfigValues.Write(writer, value.Type, value.Value);
            else WriteNode(writer, child);
        }
        writer.WriteEndObject();
    }

    private static void Visit(EntryCollector entries, string path, JsonElement element)
    {
        entries.CheckPathLength(path);
        if (entries.IsJsonKey(path))
        {
            entries.Add(path, ConfigValueType.Json, JsonText.Compact(element));
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Visit(entries, path + ":" + property.Name, property.Value);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Visit(entries, path + ":" + index++, item);
                break;
            case JsonValueKind.Null:
                break;
            default:
                var value = JsonValues.Scalar(path, element);
                entries.Add(value.Key, value.Type, value.Value);
                break;
        }
    }
}
