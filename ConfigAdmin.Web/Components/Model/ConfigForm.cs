using System.Globalization;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>The editable twin of a key's create and update inputs.</summary>
public sealed class ConfigForm
{
    public string? Key { get; set; }
    public ConfigValueType ValueType { get; private set; } = ConfigValueType.String;
    public string? DefaultValue { get; set; }
    public bool HasDefault { get; set; } = true;
    public string? Description { get; set; }
    public bool IsSecret { get; set; }

    /// <summary>Editing a secret: keep the stored default without ever showing it (or fetching it).</summary>
    public bool KeepSecretDefault { get; set; }

    public static ConfigForm From(ConfigDto? dto) => dto is null ? new() : new()
    {
        Key = dto.Key, ValueType = dto.ValueType, HasDefault = dto.DefaultValue is not null,
        DefaultValue = dto.IsSecret ? null : dto.DefaultValue, Description = dto.Description, IsSecret = dto.IsSecret,
        KeepSecretDefault = dto.IsSecret && dto.DefaultValue is not null,
    };

    /// <summary>Changes the type and turns the default into something the new editor can show.</summary>
    public void ChangeType(ConfigValueType type)
    {
        ValueType = type;
        if (DefaultValue is null) return;
        DefaultValue = type switch
        {
            ConfigValueType.Boolean when DefaultValue is not ("true" or "false") => "false",
            ConfigValueType.Integer when !long.TryParse(DefaultValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "0",
            ConfigValueType.Number when ConfigValues.Check(type, DefaultValue) is not null => "0",
            _ => DefaultValue,
        };
    }

    /// <summary>
    /// The default to send. A kept secret travels as the mask, which the service reads as "keep the stored default"
    /// for a key that was secret, whatever its type: the clear value never has to be fetched to edit other fields.
    /// </summary>
    public string? EffectiveDefault() =>
        !HasDefault ? null
        : KeepSecretDefault ? ConfigValues.SecretMask
        : DefaultValue ?? (ValueType == ConfigValueType.Boolean ? "false" : ValueType == ConfigValueType.String ? "" : null);

    public ConfigCreateInput ToCreateInput(string application) =>
        new(application, Key?.Trim(), ValueType, EffectiveDefault(), Description, IsSecret);

    public ConfigUpdateInput ToUpdateInput() => new(Key?.Trim(), ValueType, EffectiveDefault(), Description, IsSecret);
}
