using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConfigAdmin.Core.Configs;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConfigAdmin.Core.Transfer;

/// <summary>Emitting YAML from the key tree and json values, and turning YAML subtrees into JSON.</summary>
internal static partial class YamlWriting
{
    /// <summary>A mapping per tree node; values typed as in the nested JSON file.</summary>
    public static void Node(IEmitter emitter, KeyTree node)
    {
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, node.Children.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
        foreach (var child in node.Children)
        {
            String(emitter, child.Name);
            if (child.Value is not { } value) Node(emitter, child);
            else if (value.Type == ConfigValueType.String) String(emitter, value.Value);
            else if (value.Type == ConfigValueType.Json)
            {
                using var document = JsonDocument.Parse(value.Value, new JsonDocumentOptions { MaxDepth = TransferLimits.MaxDepth });
                Json(emitter, document.RootElement);
            }
            else Plain(emitter, JsonText.WriteCompact(writer => ConfigValues.Write(writer, value.Type, value.Value)));
        }
        emitter.Emit(new MappingEnd());
    }

    /// <summary>The type and text of a scalar node, or null for a YAML null; bad tags become format errors.</summary>
    public static (ConfigValueType Type, string Value)? Resolve(YamlScalarNode scalar, string format) =>
        YamlScalars.Resolve(scalar.Value, scalar.Style, scalar.Tag, message => YamlTree.Error(format, scalar.Start, message));

    /// <summary>Compact JSON of a YAML subtree (for a json-typed key), counting nodes against the same budget.</summary>
    public static void Json(Utf8JsonWriter writer, YamlNode node, YamlBudget budget, int depth, string format)
    {
        budget.Count(node, depth);
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Items)
                {
                    if (key is not YamlScalarNode name) throw YamlTree.Error(format, key.Start, "a mapping key must be a scalar.");
                    writer.WritePropertyName(name.Value);
                    Json(writer, value, budget, depth + 1, format);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items) Json(writer, item, budget, depth + 1, format);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                switch (Resolve(scalar, format))
                {
                    case null: writer.WriteNullValue(); break;
                    case (ConfigValueType.String, var text): writer.WriteStringValue(text); break;
                    case (ConfigValueType.Boolean, var text): writer.WriteBooleanValue(text == "true"); break;
                    case (_, var text) when JsonNumber().IsMatch(text): writer.WriteRawValue(text); break;
                    case (_, var text) when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                        writer.WriteNumberValue(d);
                        break;
                    case (_, var text): throw YamlTree.Error(format, scalar.Start, $"'{text}' has no JSON form.");
                }
                break;
        }
    }

    private static void Json(IEmitter emitter, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var empty = !element.EnumerateObject().Any();
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, empty ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var property in element.EnumerateObject())
                {
                    String(emitter, property.Name);
                    Json(emitter, property.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                var none = element.GetArrayLength() == 0;
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, none ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in element.EnumerateArray()) Json(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String: String(emitter, element.GetString()!); break;
            case JsonValueKind.Null: Plain(emitter, "null"); break;
            default: Plain(emitter, element.GetRawText()); break;
        }
    }

    private static void String(IEmitter emitter, string value) => emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value,
        YamlScalars.CanBePlain(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, true, true));

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false));

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
