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

    /// <summary>A key's own fields; its default is masked when <paramref name="mask"/> (the key is or was secret).</summary>
    public static string Of(ConfigKey c, bool mask) =>
        Serialize(new { c.Key, c.ValueType, DefaultValue = mask && c.DefaultValue is not null ? ConfigValues.SecretMask : c.DefaultValue, c.Description, c.IsSecret });

    public static string Of(Access.ApiKeyDto k) =>
        Serialize(new { k.Name, k.Role, k.Applications, k.Environments, k.ExpiresAt });

    public static string OfOverride(string value, bool mask) => Serialize(new { Value = mask ? ConfigValues.SecretMask : value });

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
