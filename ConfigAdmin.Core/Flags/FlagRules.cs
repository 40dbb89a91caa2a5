using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// Every flag definition a write stores is a valid Microsoft Feature Management flag, on every path (the flag routes,
/// change requests, import, restore, promote): 400 <c>invalid_flag</c> with every fault's pointer.
/// </summary>
public sealed class FlagRules : IChangeValidator
{
    public void Validate(ChangeSet set)
    {
        var violations = new List<FlagViolation>();
        foreach (var step in set.Changing)
        {
            if (step.Target is not { ValueType: ConfigValueType.Flag } target || FeatureFlags.IdOf(target.Key) is not { } id) continue;
            foreach (var (env, definition) in target.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                if (step.Now?.ValueType == ConfigValueType.Flag && step.Now.Key == target.Key && step.Now.Overrides.GetValueOrDefault(env) == definition)
                    continue;
                violations.AddRange(FlagChecker.Check(id, definition).Select(f => new FlagViolation(id, env, f.Pointer, f.Message)));
            }
        }
        if (violations.Count > 0) throw new InvalidFlagException(violations);
    }
}
