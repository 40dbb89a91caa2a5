using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// A key's whole state with its values in clear: what restore, revert, promote and import compare and apply.
/// <c>Schema</c> is a json key's JSON Schema as compact text (null: none).
/// </summary>
public sealed record KeyState(
    Guid Id, string Key, ConfigValueType ValueType, string? DefaultValue, string? Description, bool IsSecret,
    IReadOnlyDictionary<string, string> Overrides, string? Schema)
{
    public static KeyState Of(ConfigKey config, SecretValues secrets) => new(
        config.Id, config.Key, config.ValueType, secrets.Open(config.IsSecret, config.DefaultValue), config.Description, config.IsSecret,
        config.Overrides.ToDictionary(o => o.Environment!.Name, o => secrets.Open(config.IsSecret, o.Value)!, StringComparer.Ordinal),
        config.Schema);

    public static KeyState Of(ConfigRevision revision, SecretValues secrets) => new(
        revision.ConfigId, revision.Key, revision.ValueType, secrets.Open(revision.IsSecret, revision.DefaultValue), revision.Description,
        revision.IsSecret,
        revision.OverrideValues().ToDictionary(o => o.Key, o => secrets.Open(revision.IsSecret, o.Value)!, StringComparer.Ordinal),
        revision.Schema);

    public bool SameAs(KeyState other) =>
        Key == other.Key && ValueType == other.ValueType && DefaultValue == other.DefaultValue && Description == other.Description
        && IsSecret == other.IsSecret && Schema == other.Schema && Overrides.Count == other.Overrides.Count
        && Overrides.All(o => other.Overrides.TryGetValue(o.Key, out var v) && v == o.Value);

    /// <summary>The value a client in <paramref name="environment"/> gets: the override, else the default (null: none).</summary>
    public string? ResolvedIn(string environment) => Overrides.TryGetValue(environment, out var value) ? value : DefaultValue;

    /// <summary>True when a change between this state and <paramref name="other"/> covers a secret: it is secret at either end.</summary>
    public bool SecretBeside(KeyState? other) => IsSecret || other?.IsSecret == true;

    /// <summary>What a preview shows of it, values masked when <paramref name="secret"/> (see <see cref="SecretBeside"/>).</summary>
    public object Shown(bool secret) => new
    {
        valueType = ValueType, defaultValue = SecretMask.Apply(secret, DefaultValue), description = Description, isSecret = IsSecret,
        overrides = Overrides.ToDictionary(o => o.Key, o => SecretMask.Apply(secret, o.Value)),
        schema = Schemas.SchemaJson.Element(Schema),
    };
}

/// <summary>
/// What a restore, promote or import changes (or would, in a dry run): keys added, changed (from → to), unchanged,
/// removed. Secret values show as "***".
/// </summary>
public sealed record ChangeSetDiff(IReadOnlyList<string> Added, IReadOnlyList<DiffChange> Changed, IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;

    /// <summary>The protected environments whose documents this changes: applying it needs an approved change request.</summary>
    public IReadOnlyList<string> ProtectedEnvironments { get; init; } = [];

    /// <summary>The change request it was filed as, instead of being applied (the API answers 201 with it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Reviews.ChangeRequestDto? Filed { get; init; }
}

/// <summary>One key that changes; <c>Environment</c> is set when only that environment's value does.</summary>
public sealed record DiffChange(string Key, object? From, object? To, string? Environment = null);

/// <summary>Collects a diff in key order.</summary>
public sealed class DiffBuilder
{
    private readonly List<string> _added = [], _unchanged = [], _removed = [];
    private readonly List<DiffChange> _changed = [];

    public void Added(string key) => _added.Add(key);
    public void Changed(DiffChange change) => _changed.Add(change);
    public void Unchanged(string key) => _unchanged.Add(key);
    public void Removed(string key) => _removed.Add(key);

    public ChangeSetDiff Build() => new(
        _added.Order(StringComparer.Ordinal).ToList(),
        _changed.OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Environment, StringComparer.Ordinal).ToList(),
        _unchanged.Distinct().Order(StringComparer.Ordinal).ToList(),
        _removed.Order(StringComparer.Ordinal).ToList());
}
