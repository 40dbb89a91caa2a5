using System.Text.Json;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>Flat JSON: one property per key, <c>{ "A:B": typed value }</c>. Never conflicts; json values stay embedded.</summary>
public sealed class FlatJsonFormat : IEnvironmentFormat
{
    public string Name => "flat";
    public string MediaType => "application/json";
    public string FileExtension => ".flat.json";

    /// <summary>Pretty-printed, keys in ordinal order, values typed as a client receives them.</summary>
    public string Write(IEnumerable<TransferValue> values) => JsonText.WritePretty(writer =>
    {
        writer.WriteStartObject();
        foreach (var value in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(value.Key);
            ConfigValues.Write(writer, value.Type, value.Value);
        }
        writer.WriteEndObject();
    });

    /// <summary>Each property is one key: objects and arrays become json values, nulls are skipped.</summary>
    public IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null)
    {
        text = TransferText.Prepare(text, Name);
        using var document = JsonText.Parse(text, Name);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new TransferFormatException(Name, "the root must be a JSON object.", 1, 1);
        var entries = new EntryCollector(Name, jsonKeys);
        JsonValues.Walk(Name, () =>
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var (key, element) = (property.Name, property.Value);
                if (entries.IsJsonKey(key) || element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    entries.Add(key, ConfigValueType.Json, JsonText.Compact(element));
                else if (element.ValueKind != JsonValueKind.Null)
                {
                    var value = JsonValues.Scalar(key, element);
                    entries.Add(value.Key, value.Type, value.Value);
                }
            }
        });
        return entries.Values;
    }
}
