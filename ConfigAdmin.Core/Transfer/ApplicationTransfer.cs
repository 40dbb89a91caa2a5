using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>A whole application as the configadmin format holds it: its fields and every key.</summary>
public sealed record ApplicationTransfer(
    string Name, string? Description, string Owner, string ContactEmail, IReadOnlyList<KeyTransfer> Keys);

/// <summary>One key with its stored values: the default (null: none) and overrides by environment name; a json key's schema (compact text).</summary>
/// <param name="ValuesOmitted">
/// True for a secret key exported without its values: <see cref="DefaultValue"/> is null and <see cref="Overrides"/>
/// empty because they are unknown, not because they are absent. An import should leave the stored values alone.
/// </param>
public sealed record KeyTransfer(
    string Key, ConfigValueType ValueType, string? Description, bool IsSecret, string? DefaultValue,
    IReadOnlyDictionary<string, string> Overrides, bool ValuesOmitted = false, string? Schema = null);
