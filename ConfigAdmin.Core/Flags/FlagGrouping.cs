using System.Text;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// What a client reads of an environment's flags: one json value under <c>feature_management</c>,
/// <c>{ "feature_flags": [ … ] }</c> ordered by id (ordinal, ignoring case), the schema Microsoft.FeatureManagement 4.x
/// reads. Absent when the environment defines no flag.
/// </summary>
public static class FlagGrouping
{
    /// <summary>The values with every flag folded into the reserved key, keys in ordinal order; the same list when there is no flag.</summary>
    public static IReadOnlyList<ResolvedValue> Group(IReadOnlyList<ResolvedValue> values)
    {
        var any = false;
        foreach (var v in values) any |= v.Type == ConfigValueType.Flag;
        if (!any) return values;
        var flags = values.Where(v => v.Type == ConfigValueType.Flag)
            .OrderBy(v => FeatureFlags.IdOf(v.Key) ?? v.Key, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        var json = new StringBuilder("{\"feature_flags\":[");
        for (var i = 0; i < flags.Count; i++) json.Append(i == 0 ? "" : ",").Append(flags[i].Value);
        json.Append("]}");
        // An environment's flags come from its own definitions; the source says so.
        var source = flags.Select(f => f.Source).Distinct().Count() == 1 ? flags[0].Source : "flags";
        return values.Where(v => v.Type != ConfigValueType.Flag)
            .Append(new ResolvedValue(FeatureFlags.SectionKey, ConfigValueType.Json, json.ToString(), source, false))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }
}
