using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;

namespace ConfigAdmin.Web.Components.Reviews;

/// <summary>
/// Which protected environments an edit touches, worked out in the page by the rule the write pipeline applies
/// (<see cref="DocumentDiff"/>), so a dialog says "Request change" before its button is pressed. Secret values are
/// compared as the page has them (masked): a kept secret is no change, a replaced one is.
/// </summary>
public static class Protection
{
    public static IReadOnlyList<string> Touched(IEnumerable<EnvironmentDto> environments, KeyState? now, KeyState? target)
    {
        var all = environments.ToList();
        var changed = DocumentDiff.Of([new KeyStep(null, now, target)], all.Select(e => e.Name)).Keys.ToHashSet(StringComparer.Ordinal);
        return all.Where(e => e.RequiredApprovals > 0 && changed.Contains(e.Name)).Select(e => e.Name).ToList();
    }

    /// <summary>A key as the admin surface shows it (secret values masked).</summary>
    public static KeyState StateOf(ConfigDto key) =>
        new(key.Id, key.Key, key.ValueType, key.DefaultValue, key.Description, key.IsSecret, key.Overrides, key.Schema);

    /// <summary>"production" or "staging and production", for a button's or a notice's text.</summary>
    public static string Names(IReadOnlyList<string> environments) =>
        environments.Count <= 1 ? string.Join("", environments) : $"{string.Join(", ", environments.SkipLast(1))} and {environments[^1]}";
}
