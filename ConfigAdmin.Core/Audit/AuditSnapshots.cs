using System.Text.Json;
using System.Text.Json.Serialization;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;

namespace ConfigAdmin.Core.Audit;

/// <summary>The before/after JSON an audit entry stores for each kind of entity; secrets never appear.</summary>
public static class AuditSnapshots
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Of(Application a) =>
        Serialize(new { a.Name, a.Description, a.Owner, a.ContactEmail });

    public static string Of(ConfigEnvironment e) =>
        Serialize(new { e.Name, e.Description, e.SortOrder, e.RequiredApprovals });

    /// <summary>A key's own fields; its default is masked when <paramref name="secret"/> (the key is or was secret).</summary>
    public static string Of(ConfigKey c, bool secret) => OfKey(c.Key, c.ValueType, c.DefaultValue, c.Description, c.IsSecret, secret, c.Schema);

    /// <summary>A key's own fields; its schema (never secret: it holds no value) as an object, left out when the key has none.</summary>
    public static string OfKey(string key, ConfigValueType valueType, string? defaultValue, string? description, bool isSecret, bool secret,
        string? schema = null) => schema is null
        ? Serialize(new { Key = key, ValueType = valueType, DefaultValue = SecretMask.Apply(secret, defaultValue), Description = description, IsSecret = isSecret })
        : Serialize(new
        {
            Key = key, ValueType = valueType, DefaultValue = SecretMask.Apply(secret, defaultValue), Description = description, IsSecret = isSecret,
            Schema = Schemas.SchemaJson.Element(schema),
        });

    public static string Of(Access.ApiKeyDto k) =>
        Serialize(new { k.Name, k.Role, k.Applications, k.Environments, k.ExpiresAt });

    /// <summary>A webhook's fields; its secret never, only whether this change replaced it.</summary>
    public static string Of(Webhooks.WebhookDto w, bool secretChanged = false) =>
        Serialize(new { w.Url, w.Description, w.Events, w.Applications, SecretChanged = secretChanged ? true : (bool?)null });

    public static string OfOverride(string value, bool secret) => Serialize(new { Value = SecretMask.Apply(secret, value) });

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
