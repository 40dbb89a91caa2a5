using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// A key's schema travels as a JSON object and is held as its compact text, so states compare by string and the
/// database stores it as it is. The same text is what the evaluated-schema cache is keyed by.
/// </summary>
public static class SchemaJson
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact text of any JSON element (property order kept, spacing dropped).</summary>
    public static string Compact(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions)) element.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Compact text of JSON text; null when it is not well-formed JSON.</summary>
    public static string? TryCompact(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = SchemaLimits.MaxDepth });
            return Compact(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The schema as the element an audit snapshot or a preview embeds (null stays null).</summary>
    public static JsonElement? Element(string? schema)
    {
        if (schema is null) return null;
        using var document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = SchemaLimits.MaxDepth });
        return document.RootElement.Clone();
    }
}

/// <summary>
/// Reads any JSON value into its compact text and writes the text back as JSON: a schema is an object on the wire and
/// a string in the domain. A schema sent as a string arrives quoted, and the schema check refuses it as no object.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return SchemaJson.Compact(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteRawValue(value);
    }
}

/// <summary>How large and deep a schema may be.</summary>
public static class SchemaLimits
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxDepth = 64;
}
