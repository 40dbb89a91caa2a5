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
        writer.WriteStartObject("application");
        writer.WriteString("name", application.Name);
        writer.WriteString("description", application.Description);
        writer.WriteString("owner", application.Owner);
        writer.WriteString("contactEmail", application.ContactEmail);
        writer.WriteEndObject();
        writer.WriteStartArray("keys");
        foreach (var key in application.Keys.OrderBy(k => k.Key, StringComparer.Ordinal)) WriteKey(writer, key, includeSecrets);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

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
