using System.Text.Json;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// Checks one flag definition against the Microsoft Feature Management schema (FeatureFlag v2.0.0) and the built-in
/// filters' parameters, as Microsoft.FeatureManagement 4.x reads them (names ignoring case). Every fault is reported
/// with its JSON pointer into the definition; messages never quote values.
/// </summary>
public static class FlagChecker
{
    /// <summary>The faults of <paramref name="json"/> as the definition of the flag <paramref name="id"/> (empty: valid).</summary>
    public static IReadOnlyList<(string Pointer, string Message)> Check(string id, string json)
    {
        var faults = new Faults();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            faults.Add("", "The flag must be well-formed JSON.");
            return faults.List;
        }
        using (document) CheckFlag(id, document.RootElement, faults);
        return faults.List;
    }

    private static void CheckFlag(string id, JsonElement flag, Faults faults)
    {
        if (!faults.Object(flag, "", "The flag")) return;
        var props = faults.Properties(flag, "", FlagShape.Flag);
        if (props.Get("id") is not { } given) faults.Add("/id", "'id' is required.");
        else if (given.Value.ValueKind != JsonValueKind.String || !string.Equals(given.Value.GetString(), id, StringComparison.OrdinalIgnoreCase))
            faults.Add(given.Pointer, $"'id' must be the flag's id, '{id}'.");
        foreach (var name in (ReadOnlySpan<string>)["description", "display_name"])
            if (props.Get(name) is { } text) faults.Type(text, JsonValueKind.String, $"'{name}' must be a string.");
        if (props.Get("enabled") is { } enabled) faults.Boolean(enabled, "'enabled' must be true or false.");
        else faults.Add("/enabled", "'enabled' is required (true or false).");
        if (props.Get("conditions") is { } conditions) CheckConditions(conditions, faults);
        var variants = props.Get("variants") is { } v ? CheckVariants(v, faults) : [];
        if (props.Get("allocation") is { } allocation) CheckAllocation(allocation, variants, faults);
        if (props.Get("telemetry") is { } telemetry) CheckTelemetry(telemetry, faults);
    }

    private static void CheckConditions(Prop conditions, Faults faults)
    {
        if (!faults.Object(conditions.Value, conditions.Pointer, "'conditions'")) return;
        var props = faults.Properties(conditions.Value, conditions.Pointer, FlagShape.Flag.Find("conditions")!.Value.Child!);
        if (props.Get("requirement_type") is { } type
            && (type.Value.ValueKind != JsonValueKind.String || type.Value.GetString() is not { } t
                || !(t.Equals("Any", StringComparison.OrdinalIgnoreCase) || t.Equals("All", StringComparison.OrdinalIgnoreCase))))
            faults.Add(type.Pointer, "'requirement_type' must be Any or All.");
        if (props.Get("client_filters") is not { } filters) return;
        if (!faults.Array(filters, "'client_filters' must be an array of filters.")) return;
        var i = 0;
        foreach (var filter in filters.Value.EnumerateArray()) CheckFilter(new Prop(filter, $"{filters.Pointer}/{i++}"), faults);
    }

    private static void CheckFilter(Prop filter, Faults faults)
    {
        if (!faults.Object(filter.Value, filter.Pointer, "A client filter")) return;
        var props = faults.Properties(filter.Value, filter.Pointer, FlagShape.Filter);
        if (props.Get("name") is not { } name || name.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.Value.GetString()))
        {
            faults.Add(filter.Pointer + "/name", "A client filter needs a 'name'.");
            return;
        }
        var parameters = props.Get("parameters");
        if (parameters is { } p && p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            faults.Add(p.Pointer, "'parameters' must be an object.");
            return;
        }
        if (FilterNames.Canonical(name.Value.GetString()!) is not { } canonical) return;
        var given = parameters is { Value.ValueKind: JsonValueKind.Object } o ? o : new Prop(Empty, filter.Pointer + "/parameters");
        var shape = FilterNames.ParametersOf(canonical)!;
        var args = faults.Properties(given.Value, given.Pointer, shape);
        switch (canonical)
        {
            case FilterNames.Percentage:
                faults.Percent(args.Get("Value"), given.Pointer + "/Value", "'Value'", required: true);
                break;
            case FilterNames.TimeWindow:
                FilterChecks.TimeWindow(given, args, faults);
                break;
            case FilterNames.Targeting:
                FilterChecks.Targeting(given, args, faults);
                break;
        }
    }

    private static HashSet<string> CheckVariants(Prop variants, Faults faults)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!faults.Array(variants, "'variants' must be an array of variants.")) return names;
        var i = 0;
        foreach (var variant in variants.Value.EnumerateArray())
        {
            var pointer = $"{variants.Pointer}/{i++}";
            if (!faults.Object(variant, pointer, "A variant")) continue;
            var props = faults.Properties(variant, pointer, FlagShape.Flag.Find("variants")!.Value.Child!.ItemShape!);
            if (props.Get("name") is not { } name || name.Value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.Value.GetString()))
                faults.Add(pointer + "/name", "A variant needs a 'name'.");
            else if (!names.Add(name.Value.GetString()!)) faults.Add(name.Pointer, "Variant names must be unique; this one is used before.");
            if (props.Get("configuration_reference") is { } reference)
                faults.Type(reference, JsonValueKind.String, "'configuration_reference' must be a string.");
            if (props.Get("status_override") is { } status
                && (status.Value.ValueKind != JsonValueKind.String || status.Value.GetString() is not ("None" or "Enabled" or "Disabled")))
                faults.Add(status.Pointer, "'status_override' must be None, Enabled or Disabled.");
        }
        return names;
    }

    private static void CheckAllocation(Prop allocation, HashSet<string> variants, Faults faults)
    {
        if (!faults.Object(allocation.Value, allocation.Pointer, "'allocation'")) return;
        var shape = FlagShape.Flag.Find("allocation")!.Value.Child!;
        var props = faults.Properties(allocation.Value, allocation.Pointer, shape);
        void Variant(Prop? p)
        {
            if (p is not { } v) return;
            if (v.Value.ValueKind != JsonValueKind.String) faults.Add(v.Pointer, "A variant name must be a string.");
            else if (!variants.Contains(v.Value.GetString()!)) faults.Add(v.Pointer, "Allocation may only name a variant defined in 'variants'.");
        }
        Variant(props.Get("default_when_disabled"));
        Variant(props.Get("default_when_enabled"));
        if (props.Get("seed") is { } seed) faults.Type(seed, JsonValueKind.String, "'seed' must be a string.");
        foreach (var (list, members) in new[] { ("user", "users"), ("group", "groups") })
        {
            if (props.Get(list) is not { } entries || !faults.Array(entries, $"'{list}' must be an array.")) continue;
            var i = 0;
            foreach (var entry in entries.Value.EnumerateArray())
            {
                var pointer = $"{entries.Pointer}/{i++}";
                if (!faults.Object(entry, pointer, $"A {list} allocation")) continue;
                var item = faults.Properties(entry, pointer, shape.Find(list)!.Value.Child!.ItemShape!);
                if (item.Get("variant") is { } v) Variant(v);
                else faults.Add(pointer + "/variant", "'variant' is required.");
                if (item.Get(members) is not { } m) faults.Add($"{pointer}/{members}", $"'{members}' is required.");
                else faults.Strings(m, $"'{members}' must be an array of strings.");
            }
        }
        if (props.Get("percentile") is { } percentile) CheckPercentiles(percentile, shape.Find("percentile")!.Value.Child!.ItemShape!, Variant, faults);
    }

    private static void CheckPercentiles(Prop percentile, FlagShape shape, Action<Prop?> variant, Faults faults)
    {
        if (!faults.Array(percentile, "'percentile' must be an array.")) return;
        var ranges = new List<(double From, double To, string Pointer)>();
        var i = 0;
        foreach (var entry in percentile.Value.EnumerateArray())
        {
            var pointer = $"{percentile.Pointer}/{i++}";
            if (!faults.Object(entry, pointer, "A percentile allocation")) continue;
            var item = faults.Properties(entry, pointer, shape);
            if (item.Get("variant") is { } v) variant(v);
            else faults.Add(pointer + "/variant", "'variant' is required.");
            var from = faults.Percent(item.Get("from"), pointer + "/from", "'from'", required: true);
            var to = faults.Percent(item.Get("to"), pointer + "/to", "'to'", required: true);
            if (from is null || to is null) continue;
            if (from > to) faults.Add(pointer + "/to", "'to' must not be below 'from'.");
            else ranges.Add((from.Value, to.Value, pointer));
        }
        var sorted = ranges.OrderBy(r => r.From).ToList();
        for (var n = 1; n < sorted.Count; n++)
            if (sorted[n].From < sorted[n - 1].To) faults.Add(sorted[n].Pointer, "Percentile ranges must not overlap.");
    }

    private static void CheckTelemetry(Prop telemetry, Faults faults)
    {
        if (!faults.Object(telemetry.Value, telemetry.Pointer, "'telemetry'")) return;
        var props = faults.Properties(telemetry.Value, telemetry.Pointer, FlagShape.Flag.Find("telemetry")!.Value.Child!);
        if (props.Get("enabled") is { } enabled) faults.Boolean(enabled, "'telemetry.enabled' must be true or false.");
        if (props.Get("metadata") is not { } metadata) return;
        if (!faults.Object(metadata.Value, metadata.Pointer, "'metadata'")) return;
        foreach (var entry in metadata.Value.EnumerateObject())
            if (entry.Value.ValueKind != JsonValueKind.String) faults.Add($"{metadata.Pointer}/{Faults.Escape(entry.Name)}", "Metadata values must be strings.");
    }

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;
}
