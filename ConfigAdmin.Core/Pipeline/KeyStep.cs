using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// One key's part of a write: its tracked row (null when the write creates it), its state before (values in clear;
/// null when created) and its target state (null when deleted).
/// </summary>
public sealed record KeyStep(ConfigKey? Tracked, KeyState? Now, KeyState? Target)
{
    /// <summary>The key's name after the write (before it, for a deletion).</summary>
    public string Key => (Target ?? Now)!.Key;

    public Guid Id => (Target ?? Now)!.Id;

    /// <summary>False when the target is the state the key already has (a write of nothing).</summary>
    public bool Changes => Now is null ? Target is not null : Target is null || !Now.SameAs(Target);

    /// <summary>The key's own fields change (name, type, default, description, secret flag, schema), or it comes or goes.</summary>
    public bool ChangesKeyFields => Now is null || Target is null
        || Now.Key != Target.Key || Now.ValueType != Target.ValueType || Now.DefaultValue != Target.DefaultValue
        || Now.Description != Target.Description || Now.IsSecret != Target.IsSecret || Now.Schema != Target.Schema;

    /// <summary>Environments whose override the write sets, changes or removes.</summary>
    public IEnumerable<string> OverridesChanged()
    {
        var before = Now?.Overrides ?? Empty;
        var after = Target?.Overrides ?? Empty;
        return before.Keys.Union(after.Keys).Where(env => before.GetValueOrDefault(env) != after.GetValueOrDefault(env));
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
