using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// Reads the configadmin JSON strictly: every field has its JSON type, unknown fields are refused (a misspelt
/// "defaultvalue" must not silently drop defaults), keys obey the grammar and are unique ignoring case.
/// </summary>
internal static class ConfigAdminReader
{
    /// <summary>A field is missing or wrong; the message names it by its JSON path.</summary>
    public sealed class FieldException(string message) : Exception(message);

    private static readonly string[] RootFields = ["format", "version", "application", "keys"];
    private static readonly string[] ApplicationFields = ["name", "description", "owner", "contactEmail"];
    private static readonly string[] KeyFields = ["key", "valueType", "description", "isSecret", "defaultValue", "overrides", "valuesOmitted", "schema"];

    public static ApplicationTransfer Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the root");
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != ConfigAdminFormat.Marker)
            throw new FieldException($"this is not a ConfigAdmin export (it needs \"format\": \"{ConfigAdminFormat.Marker}\").");
        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != ConfigAdminFormat.Version)
            throw new FieldException($"'version' must be {ConfigAdminFormat.Version}, the version this server reads.");
        OnlyKnown(root, RootFields, "the root");

        var app = Required(root, "application", JsonValueKind.Object, "");
        OnlyKnown(app, ApplicationFields, "application");
        var keysArray = Required(root, "keys", JsonValueKind.Array, "");
        var keys = new List<KeyTransfer>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in keysArray.EnumerateArray())
        {
            var key = ReadKey(item, $"keys[{index++}]");
            if (!seen.TryAdd(key.Key, key.Key))
                throw new FieldException($"the key '{key.Key}' appears twice (as '{seen[key.Key]}' first; keys ignore case).");
            if (keys.Count == TransferLimits.MaxEntries) throw new FieldException($"the file holds more than {TransferLimits.MaxEntries} keys.");
            keys.Add(key);
        }
        return new ApplicationTransfer(
            String(app, "name", "application")!, OptionalString(app, "description", "application"),
            String(app, "owner", "application")!, String(app, "contactEmail", "application")!, keys);
    }

    private static KeyTransfer ReadKey(JsonElement item, string path)
    {
        Expect(item, JsonValueKind.Object, path);
        OnlyKnown(item, KeyFields, path);
        var key = String(item, "key", path)!;
        if (ConfigRules.CheckKey(key) is { } keyError) throw new FieldException($"'{path}.key' ('{key}') is not valid. {keyError}");
        var type = ValueType(String(item, "valueType", path)!, path);
        var isSecret = Boolean(item, "isSecret", path);
        var omitted = Boolean(item, "valuesOmitted", path);
        if (omitted && !isSecret) throw new FieldException($"'{path}.valuesOmitted' is only for secret keys.");
        if (omitted && (item.TryGetProperty("defaultValue", out _) || item.TryGetProperty("overrides", out _)))
            throw new FieldException($"'{path}' has values although 'valuesOmitted' is true.");
        return new KeyTransfer(key, type, OptionalString(item, "description", path), isSecret,
            OptionalString(item, "defaultValue", path), Overrides(item, path), omitted, Schema(item, path));
    }

    private static Dictionary<string, string> Overrides(JsonElement item, string path)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("overrides", out var element) || element.ValueKind == JsonValueKind.Null) return overrides;
        Expect(element, JsonValueKind.Object, $"{path}.overrides");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var field = $"{path}.overrides.{property.Name}";
            if (EnvironmentInputValidator.CheckName(property.Name) is { } nameError) throw new FieldException($"'{field}': {nameError}");
            if (!seen.Add(property.Name)) throw new FieldException($"'{field}' appears twice.");
            Expect(property.Value, JsonValueKind.String, field);
            overrides[property.Name] = property.Value.GetString()!;
        }
        return overrides;
    }

    /// <summary>The key's schema as compact text; it must be an object (the schema check says the rest, as on every path).</summary>
    private static string? Schema(JsonElement item, string path)
    {
        if (!item.TryGetProperty("schema", out var schema) || schema.ValueKind == JsonValueKind.Null) return null;
        Expect(schema, JsonValueKind.Object, $"{path}.schema");
        return Schemas.SchemaJson.Compact(schema);
    }

    private static ConfigValueType ValueType(string text, string path) => text switch
    {
        "string" => ConfigValueType.String,
        "integer" => ConfigValueType.Integer,
        "number" => ConfigValueType.Number,
        "boolean" => ConfigValueType.Boolean,
        "json" => ConfigValueType.Json,
        _ => throw new FieldException($"'{path}.valueType' must be one of string, integer, number, boolean, json (not '{text}')."),
    };

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        var field = path.Length == 0 ? name : $"{path}.{name}";
        if (!parent.TryGetProperty(name, out var value)) throw new FieldException($"'{field}' is missing.");
        Expect(value, kind, field);
        return value;
    }

    private static string? String(JsonElement parent, string name, string path) =>
        Required(parent, name, JsonValueKind.String, path).GetString();

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        Expect(value, JsonValueKind.String, $"{path}.{name}");
        return value.GetString();
    }

    private static bool Boolean(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value)) return false;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new FieldException($"'{path}.{name}' must be true or false.");
        return value.GetBoolean();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string field)
    {
        if (element.ValueKind != kind)
            throw new FieldException($"'{field}' must be {(kind == JsonValueKind.Object ? "an object" : kind == JsonValueKind.Array ? "an array" : "a string")}.");
    }

    private static void OnlyKnown(JsonElement element, string[] known, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                throw new FieldException($"'{property.Name}' in {(path.Length == 0 ? "the root" : path)} is not a field of this format.");
            if (!names.Add(property.Name)) throw new FieldException($"'{property.Name}' appears twice in {path}.");
        }
    }
}
