namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// One rule every planned change must obey before anything is stored (value types, reserved names, schemas, flags).
/// Each throws its own problem; they run in the order they are registered, cheapest and most basic first.
/// </summary>
public interface IChangeValidator
{
    void Validate(ChangeSet set);
}

/// <summary>Every key name obeys the grammar and every value parses as its key's type, on every path.</summary>
public sealed class ValueRules : IChangeValidator
{
    public void Validate(ChangeSet set)
    {
        var failures = set.Changing.Where(s => s.Target is not null).SelectMany(Faults).Select(set.Describe).ToList();
        if (failures.Count > 0) throw new FluentValidation.ValidationException(failures);
    }

    public static IEnumerable<KeyFault> Faults(KeyStep step)
    {
        var target = step.Target!;
        if (Configs.ConfigRules.CheckKey(target.Key) is { } keyError) yield return new KeyFault(step, KeyPart.Name, null, keyError);
        else if (target.ValueType == Configs.ConfigValueType.Flag)
        {
            foreach (var fault in Flags.FeatureFlags.KeyFaults(target.Key, target.DefaultValue, target.IsSecret))
                yield return new KeyFault(step, KeyPart.Name, null, fault);
        }
        else if (Flags.FeatureFlags.IsReserved(target.Key))
            yield return new KeyFault(step, KeyPart.Name, null,
                $"Key '{target.Key}' is reserved: clients read feature flags there (Microsoft.FeatureManagement), so flags are set with the feature-flags routes.");
        if (Configs.ConfigRules.CheckValue(target.ValueType, target.DefaultValue) is { } error)
            yield return new KeyFault(step, KeyPart.Default, null, error);
        foreach (var (env, value) in target.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (Configs.ConfigRules.CheckValue(target.ValueType, value) is { } overrideError)
                yield return new KeyFault(step, KeyPart.Override, env, overrideError);
        }
    }
}
