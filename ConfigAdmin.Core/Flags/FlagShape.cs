namespace ConfigAdmin.Core.Flags;

/// <summary>
/// The property names of the Microsoft Feature Management schema (FeatureFlag v2.0.0) and of the three built-in
/// filters' parameters, in the library's spelling. Input names match ignoring case, as the library reads them.
/// </summary>
public sealed class FlagShape
{
    private readonly Dictionary<string, (string Name, FlagShape? Child)> _properties = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shape of each item when the value is an array of objects.</summary>
    private FlagShape? Items { get; init; }

    private FlagShape(params (string Name, FlagShape? Child)[] properties)
    {
        foreach (var p in properties) _properties[p.Name] = p;
    }

    /// <summary>The library's spelling of a property name, and the shape under it; null when the name is unknown here.</summary>
    public (string Name, FlagShape? Child)? Find(string name) => _properties.TryGetValue(name, out var found) ? found : null;

    public IEnumerable<string> Names => _properties.Values.Select(p => p.Name);

    private static FlagShape ArrayOf(params (string, FlagShape?)[] properties) => new() { Items = new FlagShape(properties) };

    /// <summary>The item shape of an array property (variants, client_filters, ...), or null.</summary>
    public FlagShape? ItemShape => Items;

    public static readonly FlagShape Percentage = new(("Value", null));

    public static readonly FlagShape TimeWindow = new(
        ("Start", null), ("End", null),
        ("Recurrence", new FlagShape(
            ("Pattern", new FlagShape(("Type", null), ("Interval", null), ("DaysOfWeek", null), ("FirstDayOfWeek", null))),
            ("Range", new FlagShape(("Type", null), ("EndDate", null), ("NumberOfOccurrences", null))))));

    public static readonly FlagShape Targeting = new(
        ("Audience", new FlagShape(
            ("Users", null),
            ("Groups", ArrayOf(("Name", null), ("RolloutPercentage", null))),
            ("DefaultRolloutPercentage", null),
            ("Exclusion", new FlagShape(("Users", null), ("Groups", null))))));

    /// <summary>A client filter: its parameters' shape depends on its name (see <see cref="FilterNames"/>).</summary>
    public static readonly FlagShape Filter = new(("name", null), ("parameters", null));

    public static readonly FlagShape Flag = new(
        ("id", null), ("description", null), ("display_name", null), ("enabled", null),
        ("conditions", new FlagShape(("requirement_type", null), ("client_filters", new FlagShape { Items = Filter }))),
        ("variants", ArrayOf(("name", null), ("configuration_value", null), ("configuration_reference", null), ("status_override", null))),
        ("allocation", new FlagShape(
            ("default_when_disabled", null), ("default_when_enabled", null),
            ("user", ArrayOf(("variant", null), ("users", null))),
            ("group", ArrayOf(("variant", null), ("groups", null))),
            ("percentile", ArrayOf(("variant", null), ("from", null), ("to", null))),
            ("seed", null))),
        ("telemetry", new FlagShape(("enabled", null), ("metadata", null))));
}

/// <summary>The built-in filters by any name the library accepts for them, and their parameters' shape.</summary>
public static class FilterNames
{
    public const string Percentage = "Microsoft.Percentage", TimeWindow = "Microsoft.TimeWindow", Targeting = "Microsoft.Targeting";

    /// <summary>The canonical name of a built-in filter (<c>Percentage</c>, <c>microsoft.targeting</c>, ...), or null for a custom filter.</summary>
    public static string? Canonical(string name)
    {
        var bare = name.StartsWith("Microsoft.", StringComparison.OrdinalIgnoreCase) ? name["Microsoft.".Length..] : name;
        return bare.ToUpperInvariant() switch
        {
            "PERCENTAGE" => Percentage,
            "TIMEWINDOW" => TimeWindow,
            "TARGETING" => Targeting,
            _ => null,
        };
    }

    public static FlagShape? ParametersOf(string canonical) => canonical switch
    {
        Percentage => FlagShape.Percentage,
        TimeWindow => FlagShape.TimeWindow,
        Targeting => FlagShape.Targeting,
        _ => null,
    };
}
