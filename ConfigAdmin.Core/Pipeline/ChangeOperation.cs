using System.Text.Json.Serialization;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Schemas;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// One change to one key, by the key's name: what a change request holds and what every direct write of a key is.
/// The fields are those of the direct routes (<c>updateKey</c> replaces the key's own fields as <c>PUT /v1/configs/{id}</c>
/// does; <c>newKey</c> renames). <c>id</c> on <c>createKey</c> brings back a deleted key of the application with its
/// history.
/// </summary>
public sealed record ChangeOperation(
    string? Op,
    string? Key,
    string? NewKey = null,
    ConfigValueType? ValueType = null,
    string? DefaultValue = null,
    string? Description = null,
    bool? IsSecret = null,
    string? Environment = null,
    string? Value = null,
    IReadOnlyDictionary<string, string?>? Overrides = null,
    Guid? Id = null,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Schema = null)
{
    public const string CreateKey = "createKey", UpdateKey = "updateKey", DeleteKey = "deleteKey",
        SetOverride = "setOverride", RemoveOverride = "removeOverride";

    public static readonly IReadOnlyList<string> Known = [CreateKey, UpdateKey, DeleteKey, SetOverride, RemoveOverride];

    public static ChangeOperation Create(ConfigCreateInput input, Guid? id = null) =>
        new(CreateKey, input.Key, ValueType: input.ValueType, DefaultValue: input.DefaultValue, Description: input.Description,
            IsSecret: input.IsSecret, Overrides: input.Overrides, Id: id, Schema: input.Schema);

    public static ChangeOperation Update(string key, ConfigUpdateInput input) =>
        new(UpdateKey, key, NewKey: input.Key == key ? null : input.Key, ValueType: input.ValueType, DefaultValue: input.DefaultValue,
            Description: input.Description, IsSecret: input.IsSecret, Schema: input.Schema);

    public static ChangeOperation Delete(string key) => new(DeleteKey, key);

    public static ChangeOperation Set(string key, string environment, string? value) => new(SetOverride, key, Environment: environment, Value: value);

    public static ChangeOperation Remove(string key, string environment) => new(RemoveOverride, key, Environment: environment);

    /// <summary>The key-update fields as the update validator checks them.</summary>
    public ConfigUpdateInput AsUpdate() => new(NewKey ?? Key, ValueType, DefaultValue, Description, IsSecret ?? false, Schema: Schema);

    /// <summary>The key-create fields as the create validator checks them.</summary>
    public ConfigCreateInput AsCreate(string application) =>
        new(application, Key, ValueType, DefaultValue, Description, IsSecret ?? false, Overrides, Schema);

    /// <summary>The same operation with its values replaced by "***" (for a key that is secret on either side).</summary>
    public ChangeOperation Masked() => this with
    {
        DefaultValue = DefaultValue is null ? null : SecretMask.Text,
        Value = Value is null ? null : SecretMask.Text,
        Overrides = Overrides?.ToDictionary(o => o.Key, o => o.Value is null ? null : (string?)SecretMask.Text),
    };
}
