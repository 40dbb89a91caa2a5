using System.Text;
using System.Text.Json;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// The whole-application format: JSON with <c>"format": "configadmin"</c>, <c>"version": 1</c>, the application's
/// fields and every key with its type, description, secret flag, default and overrides, all values as stored strings.
/// A secret key exported without secrets carries <c>"valuesOmitted": true</c> instead of its values. A json key's
/// schema is the object <c>"schema"</c> (left out when it has none).
/// </summary>
public sealed class ConfigAdminFormat : IConfigFormat
{
    public const string Marker = "configadmin";
    public const int Version = 1;

    public string Name => Marker;
    public string MediaType => "application/json";
    public string FileExtension => ".configadmin.json";

    /// <summary>Pretty-printed camelCase JSON, keys and environments in ordinal order; secret values only with <paramref name="includeSecrets"/>.</summary>
    public string Write(ApplicationTransfer application, bool includeSecrets) => JsonText.WritePretty(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("format", Marker);
        writer.WriteNumber("version", Version);
        writer.WritePropertyName("application");
        WriteApplication(writer, application);
        writer.WriteStartArray("keys");
        foreach (var key in Ordered(application)) WriteKey(writer, key, includeSecrets);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>
    /// The same document with each key compact on a line of its own: what the text mode edits. A browser lays out a
    /// text box by its lines, and the pretty form takes about seventeen a key: 34,000 lines for 2,000 keys in eight
    /// environments took Chromium 0.4–0.8 s to lay out, the 2,000 lines of this form under 0.1 s. A key per line also
    /// reads as a table and diffs by key.
    /// </summary>
    public string WriteKeyPerLine(ApplicationTransfer application)
    {
        var text = new StringBuilder($"{{\n  \"format\": \"{Marker}\",\n  \"version\": {Version},\n  \"application\": ");
        text.Append(JsonText.WriteCompact(writer => WriteApplication(writer, application))).Append(",\n  \"keys\": [");
        var separator = "\n    ";
        foreach (var key in Ordered(application))
        {
            text.Append(separator).Append(JsonText.WriteCompact(writer => WriteKey(writer, key, includeSecrets: false)));
            separator = ",\n    ";
        }
        return text.Append(application.Keys.Count > 0 ? "\n  ]\n}\n" : "]\n}\n").ToString();
    }

    private static IEnumerable<KeyTransfer> Ordered(ApplicationTransfer application) => application.Keys.OrderBy(k => k.Key, StringComparer.Ordinal);

    private static void WriteApplication(Utf8JsonWriter writer, ApplicationTransfer application)
    {
        writer.WriteStartObject();
        writer.WriteString("name", application.Name);
        writer.WriteString("description", application.Description);
        writer.WriteString("owner", application.Owner);
        writer.WriteString("contactEmail", application.ContactEmail);
        writer.WriteEndObject();
    }

    /// <summary>The application a configadmin file holds; throws <see cref="TransferFormatException"/> naming the bad field.</summary>
    public ApplicationTransfer Read(string text)
    {
        text = TransferText.Prepare(text, Name);
        using var document = JsonText.Parse(text, Name);
        ApplicationTransfer? application = null;
        try
        {
            JsonValues.Walk(Name, () => application = ConfigAdminReader.Read(document.RootElement));
            return application!;
        }
        catch (ConfigAdminReader.FieldException e)
        {
            throw new TransferFormatException(Name, e.Message);
        }
    }

    private static void WriteKey(Utf8JsonWriter writer, KeyTransfer key, bool includeSecrets)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key.Key);
        writer.WriteString("valueType", JsonNamingPolicy.CamelCase.ConvertName(key.ValueType.ToString()));
        writer.WriteString("description", key.Description);
        writer.WriteBoolean("isSecret", key.IsSecret);
        if (key.Schema is not null)
        {
            writer.WritePropertyName("schema");
            using var schema = JsonDocument.Parse(key.Schema);
            schema.RootElement.WriteTo(writer);
        }
        if (key.ValuesOmitted || (key.IsSecret && !includeSecrets))
        {
            writer.WriteBoolean("valuesOmitted", true);
        }
        else
        {
            writer.WriteString("defaultValue", key.DefaultValue);
            writer.WriteStartObject("overrides");
            foreach (var (environment, value) in key.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
                writer.WriteString(environment, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
