using System.Globalization;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;

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

    /// <summary>A json key's schema as the admin edits it (indented); sent only while the key is json.</summary>
    public string? Schema { get; set; }

    /// <summary>The key's own values per environment (name → value): a new key's are created with it in one call.</summary>
    public Dictionary<string, string?> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Environments whose secret value stays as stored unless the user replaces it: editing never reveals it.</summary>
    public HashSet<string> KeptSecretOverrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Gives an environment its own value, starting from the default (a boolean from false), or lets it inherit.</summary>
    public void SetOverride(string environment, bool own)
    {
        KeptSecretOverrides.Remove(environment);
        if (!own) Overrides.Remove(environment);
        else Overrides[environment] = ValueType == ConfigValueType.Boolean ? DefaultValue ?? "false" : IsSecret ? null : DefaultValue;
    }

    /// <summary>Editing a secret: keep the stored default without ever showing it (or fetching it).</summary>
    public bool KeepSecretDefault { get; set; }

    public static ConfigForm From(ConfigDto? dto)
    {
        if (dto is null) return new();
        var form = new ConfigForm
        {
            Key = dto.Key, ValueType = dto.ValueType, HasDefault = dto.DefaultValue is not null,
            DefaultValue = dto.IsSecret ? null : dto.DefaultValue, Description = dto.Description, IsSecret = dto.IsSecret,
            KeepSecretDefault = dto.IsSecret && dto.DefaultValue is not null, Schema = Indented(dto.Schema),
        };
        foreach (var (environment, value) in dto.Overrides)
        {
            form.Overrides[environment] = dto.IsSecret ? null : value;
            if (dto.IsSecret) form.KeptSecretOverrides.Add(environment);
        }
        return form;
    }

    /// <summary>
    /// The override writes that turn <paramref name="stored"/>'s overrides into the form's: a value to set, or null to
    /// remove. Kept secret values and unchanged ones are left alone.
    /// </summary>
    public IReadOnlyList<(string Environment, string? Value)> OverrideChanges(ConfigDto stored)
    {
        var changes = new List<(string, string?)>();
        foreach (var environment in stored.Overrides.Keys.Where(e => !Overrides.ContainsKey(e)).Order(StringComparer.Ordinal))
            changes.Add((environment, null));
        foreach (var (environment, value) in Overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (KeptSecretOverrides.Contains(environment)) continue;
            var v = value ?? (ValueType == ConfigValueType.String ? "" : value);
            if (!stored.Overrides.TryGetValue(environment, out var before) || stored.IsSecret || before != v) changes.Add((environment, v));
        }
        return changes;
    }

    /// <summary>Changes the type and turns the default into something the new editor can show.</summary>
    public void ChangeType(ConfigValueType type)
    {
        ValueType = type;
        DefaultValue = Convert(type, DefaultValue);
        foreach (var environment in Overrides.Keys.ToList()) Overrides[environment] = Convert(type, Overrides[environment]);
    }

    private static string? Convert(ConfigValueType type, string? value) => value is null ? null : type switch
    {
        ConfigValueType.Boolean when value is not ("true" or "false") => "false",
        ConfigValueType.Integer when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "0",
        ConfigValueType.Number when ConfigValues.Check(type, value) is not null => "0",
        _ => value,
    };

    /// <summary>
    /// The default to send. A kept secret travels as the mask, which the service reads as "keep the stored default"
    /// for a key that was secret, whatever its type: the clear value never has to be fetched to edit other fields.
    /// </summary>
    public string? EffectiveDefault() =>
        !HasDefault ? null
        : KeepSecretDefault ? SecretMask.Text
        : DefaultValue ?? (ValueType == ConfigValueType.Boolean ? "false" : ValueType == ConfigValueType.String ? "" : null);

    /// <summary>The schema to send: the edited one while the key is json (blank: none), else none.</summary>
    public string? EffectiveSchema() => ValueType == ConfigValueType.Json && !string.IsNullOrWhiteSpace(Schema) ? Schema : null;

    /// <summary>The key's current value for a starting schema: its default, else its first own value in an environment.</summary>
    public string? ExampleValue() => KeepSecretDefault ? null : DefaultValue ?? Overrides.Values.FirstOrDefault(v => v is not null);

    public ConfigCreateInput ToCreateInput(string application) =>
        new(application, Key?.Trim(), ValueType, EffectiveDefault(), Description, IsSecret,
            Overrides.Count > 0 ? new Dictionary<string, string?>(Overrides) : null, EffectiveSchema());

    public ConfigUpdateInput ToUpdateInput() => new(Key?.Trim(), ValueType, EffectiveDefault(), Description, IsSecret, Schema: EffectiveSchema());

    /// <summary>
    /// What saving the form does, as operations: creating the key with its values, or replacing an existing key's own
    /// fields and then each environment value that changed (by the key's new name, so a change request replays them).
    /// </summary>
    public IReadOnlyList<ChangeOperation> Operations(string application, ConfigDto? stored)
    {
        if (stored is null) return [ChangeOperation.Create(ToCreateInput(application))];
        var update = ToUpdateInput();
        var name = update.Key ?? stored.Key;
        return
        [
            ChangeOperation.Update(stored.Key, update),
            .. OverrideChanges(stored).Select(c => c.Value is null ? ChangeOperation.Remove(name, c.Environment) : ChangeOperation.Set(name, c.Environment, c.Value)),
        ];
    }

    /// <summary>
    /// The key as saving the form would leave it, values as the page has them (a kept secret stays "***"): what the page
    /// compares with the key as loaded to tell which protected environments the save touches.
    /// </summary>
    public KeyState Target(ConfigDto? stored)
    {
        var overrides = new Dictionary<string, string>(stored?.Overrides ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (stored is null)
        {
            foreach (var (environment, value) in Overrides) overrides[environment] = value ?? "";
        }
        else
        {
            foreach (var (environment, value) in OverrideChanges(stored))
            {
                if (value is null) overrides.Remove(environment);
                else overrides[environment] = value;
            }
        }
        var schema = EffectiveSchema() is { } text ? ConfigAdmin.Core.Schemas.SchemaJson.TryCompact(text) ?? text : null;
        return new KeyState(stored?.Id ?? Guid.Empty, Key?.Trim() ?? "", ValueType, EffectiveDefault(), Description, IsSecret, overrides, schema);
    }

    private static string? Indented(string? schema)
    {
        if (schema is null) return null;
        using var document = System.Text.Json.JsonDocument.Parse(schema);
        return System.Text.Json.JsonSerializer.Serialize(document.RootElement, IndentedJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
