using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConfigAdmin.Core.Flags;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>
/// The editable twin of one flag's definition in one environment: the switch, the three built-in filters as fields,
/// variants and allocation as JSON. Everything else of the definition (description, telemetry, custom filters, a time
/// window's recurrence) is kept as it was. <see cref="Faults"/> checks it by the rules the write pipeline applies.
/// </summary>
public sealed class FlagForm
{
    public string Id { get; set; } = "";
    public bool Enabled { get; set; }
    public string RequirementType { get; set; } = "Any";

    public bool UsePercentage { get; set; }
    public double PercentageValue { get; set; } = 50;

    public bool UseTimeWindow { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }

    public bool UseTargeting { get; set; }
    /// <summary>One user per line (or comma-separated).</summary>
    public string Users { get; set; } = "";
    /// <summary>One group per line: <c>name = percent</c>.</summary>
    public string Groups { get; set; } = "";
    public double DefaultRolloutPercentage { get; set; }
    public string ExcludedUsers { get; set; } = "";
    public string ExcludedGroups { get; set; } = "";

    /// <summary>The variants as a JSON array (empty: none).</summary>
    public string Variants { get; set; } = "";
    /// <summary>The allocation as a JSON object (empty: none).</summary>
    public string Allocation { get; set; } = "";

    private JsonObject _kept = [];
    private List<JsonNode?> _otherFilters = [];
    private JsonNode? _recurrence;

    /// <summary>A form for the flag's stored definition, or a new one (off) when it has none there.</summary>
    public static FlagForm From(string id, JsonElement? stored)
    {
        var form = new FlagForm { Id = id };
        if (stored is not { ValueKind: JsonValueKind.Object } flag) return form;
        var node = JsonNode.Parse(flag.GetRawText())!.AsObject();
        form.Enabled = node["enabled"]?.GetValueKind() == JsonValueKind.True;
        if (node["conditions"] is JsonObject conditions)
        {
            form.RequirementType = conditions["requirement_type"]?.GetValue<string>() ?? "Any";
            foreach (var filter in conditions["client_filters"] as JsonArray ?? [])
                if (!form.Take(filter)) form._otherFilters.Add(filter?.DeepClone());
        }
        if (node["variants"] is { } variants) form.Variants = variants.ToJsonString(Indented);
        if (node["allocation"] is { } allocation) form.Allocation = allocation.ToJsonString(Indented);
        foreach (var name in new[] { "id", "enabled", "conditions", "variants", "allocation" }) node.Remove(name);
        form._kept = node;
        return form;
    }

    /// <summary>The definition the form stands for (text that may not parse when the variants or allocation do not).</summary>
    public string ToJson()
    {
        var flag = new JsonObject { ["id"] = Id, ["enabled"] = Enabled };
        foreach (var (name, value) in _kept) flag[name] = value?.DeepClone();
        var filters = new JsonArray();
        if (UsePercentage) filters.Add(Filter(FilterNames.Percentage, new JsonObject { ["Value"] = PercentageValue }));
        if (UseTimeWindow) filters.Add(Filter(FilterNames.TimeWindow, TimeWindow()));
        if (UseTargeting) filters.Add(Filter(FilterNames.Targeting, new JsonObject { ["Audience"] = Audience() }));
        foreach (var other in _otherFilters) filters.Add(other?.DeepClone());
        if (filters.Count > 0) flag["conditions"] = new JsonObject { ["requirement_type"] = RequirementType, ["client_filters"] = filters };
        var text = flag.ToJsonString();
        // Variants and allocation are spliced in as typed, so a typo shows as a fault there, not as a lost edit.
        if (!string.IsNullOrWhiteSpace(Variants)) text = text[..^1] + ",\"variants\":" + Variants.Trim() + "}";
        if (!string.IsNullOrWhiteSpace(Allocation)) text = text[..^1] + ",\"allocation\":" + Allocation.Trim() + "}";
        return text;
    }

    /// <summary>The definition as a JSON element to save; null while it does not parse.</summary>
    public JsonElement? ToElement()
    {
        try
        {
            using var document = JsonDocument.Parse(ToJson());
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every fault of the definition as the pipeline would report it (pointer and message), as the admin types.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Faults()
    {
        var faults = new List<(string, string)>();
        if (!Parses(Variants, JsonValueKind.Array)) faults.Add(("/variants", "Variants must be a JSON array such as [{ \"name\": \"Big\" }]."));
        if (!Parses(Allocation, JsonValueKind.Object)) faults.Add(("/allocation", "Allocation must be a JSON object such as { \"default_when_enabled\": \"Big\" }."));
        if (UseTargeting)
            foreach (var line in Lines(Groups).Where(l => ParseGroup(l) is null))
                faults.Add(("/conditions/client_filters", $"Group line '{line}' must read 'name = percent' (0 to 100)."));
        if (faults.Count > 0) return faults;
        return FlagChecker.Check(Id, ToJson());
    }

    private bool Take(JsonNode? filter)
    {
        if (filter?["name"]?.GetValue<string>() is not { } name || FilterNames.Canonical(name) is not { } canonical) return false;
        var parameters = filter["parameters"] as JsonObject;
        switch (canonical)
        {
            case FilterNames.Percentage when !UsePercentage:
                UsePercentage = true;
                PercentageValue = Number(parameters?["Value"]) ?? 0;
                return true;
            case FilterNames.TimeWindow when !UseTimeWindow:
                UseTimeWindow = true;
                Start = parameters?["Start"]?.ToString();
                End = parameters?["End"]?.ToString();
                _recurrence = parameters?["Recurrence"]?.DeepClone();
                return true;
            case FilterNames.Targeting when !UseTargeting && parameters is not null && parameters["Audience"] is JsonObject audience:
                UseTargeting = true;
                Users = Join(audience["Users"]);
                Groups = string.Join("\n", (audience["Groups"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(g => GroupLine(g["Name"]?.ToString(), Number(g["RolloutPercentage"]))));
                DefaultRolloutPercentage = Number(audience["DefaultRolloutPercentage"]) ?? 0;
                ExcludedUsers = Join(audience["Exclusion"]?["Users"]);
                ExcludedGroups = Join(audience["Exclusion"]?["Groups"]);
                return true;
            default:
                return false;
        }
    }

    private JsonObject TimeWindow()
    {
        var parameters = new JsonObject();
        if (!string.IsNullOrWhiteSpace(Start)) parameters["Start"] = Start.Trim();
        if (!string.IsNullOrWhiteSpace(End)) parameters["End"] = End.Trim();
        if (_recurrence is not null) parameters["Recurrence"] = _recurrence.DeepClone();
        return parameters;
    }

    private JsonObject Audience()
    {
        var audience = new JsonObject
        {
            ["Users"] = Strings(Users),
            ["Groups"] = new JsonArray(Lines(Groups).Select(ParseGroup).OfType<(string Name, double Percent)>()
                .Select(g => (JsonNode)new JsonObject { ["Name"] = g.Name, ["RolloutPercentage"] = g.Percent }).ToArray()),
            ["DefaultRolloutPercentage"] = DefaultRolloutPercentage,
        };
        if (Lines(ExcludedUsers).Any() || Lines(ExcludedGroups).Any())
            audience["Exclusion"] = new JsonObject { ["Users"] = Strings(ExcludedUsers), ["Groups"] = Strings(ExcludedGroups) };
        return audience;
    }

    private static string GroupLine(string? name, double? percent) =>
        name + " = " + (percent ?? 0).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Filter(string name, JsonObject parameters) => new() { ["name"] = name, ["parameters"] = parameters };

    private static (string Name, double Percent)? ParseGroup(string line)
    {
        var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Length > 0
               && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
            ? (parts[0], percent) : null;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split(['\n', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static JsonArray Strings(string text) => new(Lines(text).Select(s => (JsonNode)JsonValue.Create(s)).ToArray());

    private static string Join(JsonNode? array) => string.Join("\n", (array as JsonArray ?? []).Select(n => n?.ToString()));

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d))) ? d : null;

    private static bool Parses(string text, JsonValueKind kind)
    {
        if (string.IsNullOrWhiteSpace(text)) return true;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == kind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
