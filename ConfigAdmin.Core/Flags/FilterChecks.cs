using System.Globalization;
using System.Text.Json;

namespace ConfigAdmin.Core.Flags;

/// <summary>The parameters of Microsoft.TimeWindow and Microsoft.Targeting, as the library binds them.</summary>
internal static class FilterChecks
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    public static void TimeWindow(Prop parameters, Props args, Faults faults)
    {
        var start = Date(args.Get("Start"), faults);
        var end = Date(args.Get("End"), faults);
        if (args.Get("Start") is null && args.Get("End") is null)
            faults.Add(parameters.Pointer + "/Start", "A time window needs 'Start', 'End' or both.");
        if (start is { } s && end is { } e && s >= e) faults.Add(args.Get("End")!.Value.Pointer, "'End' must be after 'Start'.");
        if (args.Get("Recurrence") is not { } recurrence) return;
        if (start is null || end is null) faults.Add(recurrence.Pointer, "A recurring time window needs both 'Start' and 'End'.");
        if (!faults.Object(recurrence.Value, recurrence.Pointer, "'Recurrence'")) return;
        var shape = FlagShape.TimeWindow.Find("Recurrence")!.Value.Child!;
        var parts = faults.Properties(recurrence.Value, recurrence.Pointer, shape);
        if (parts.Get("Pattern") is not { } pattern) faults.Add(recurrence.Pointer + "/Pattern", "'Pattern' is required.");
        else if (faults.Object(pattern.Value, pattern.Pointer, "'Pattern'"))
        {
            var p = faults.Properties(pattern.Value, pattern.Pointer, shape.Find("Pattern")!.Value.Child!);
            var type = OneOf(p.Get("Type"), pattern.Pointer + "/Type", "'Type'", ["Daily", "Weekly"], faults);
            if (p.Get("Interval") is { } interval && !(interval.Value.ValueKind == JsonValueKind.Number && interval.Value.TryGetInt32(out var n) && n > 0))
                faults.Add(interval.Pointer, "'Interval' must be a whole number above 0.");
            if (p.Get("DaysOfWeek") is { } days)
            {
                if (days.Value.ValueKind != JsonValueKind.Array || days.Value.EnumerateArray().Any(d => !IsDay(d)))
                    faults.Add(days.Pointer, "'DaysOfWeek' must be an array of day names (Monday … Sunday).");
            }
            else if (type == "Weekly") faults.Add(pattern.Pointer + "/DaysOfWeek", "A weekly pattern needs 'DaysOfWeek'.");
            if (p.Get("FirstDayOfWeek") is { } first && !IsDay(first.Value)) faults.Add(first.Pointer, "'FirstDayOfWeek' must be a day name.");
        }
        if (parts.Get("Range") is not { } range) faults.Add(recurrence.Pointer + "/Range", "'Range' is required.");
        else if (faults.Object(range.Value, range.Pointer, "'Range'"))
        {
            var r = faults.Properties(range.Value, range.Pointer, shape.Find("Range")!.Value.Child!);
            var type = OneOf(r.Get("Type"), range.Pointer + "/Type", "'Type'", ["NoEnd", "EndDate", "Numbered"], faults);
            Date(r.Get("EndDate"), faults);
            if (type == "EndDate" && r.Get("EndDate") is null) faults.Add(range.Pointer + "/EndDate", "An EndDate range needs 'EndDate'.");
            if (type == "Numbered" && !(r.Get("NumberOfOccurrences") is { } count && count.Value.ValueKind == JsonValueKind.Number
                                         && count.Value.TryGetInt32(out var c) && c > 0))
                faults.Add(range.Pointer + "/NumberOfOccurrences", "A Numbered range needs 'NumberOfOccurrences', a whole number above 0.");
        }
    }

    public static void Targeting(Prop parameters, Props args, Faults faults)
    {
        if (args.Get("Audience") is not { } audience)
        {
            faults.Add(parameters.Pointer + "/Audience", "'Audience' is required.");
            return;
        }
        if (!faults.Object(audience.Value, audience.Pointer, "'Audience'")) return;
        var shape = FlagShape.Targeting.Find("Audience")!.Value.Child!;
        var a = faults.Properties(audience.Value, audience.Pointer, shape);
        if (a.Get("Users") is { } users) faults.Strings(users, "'Users' must be an array of strings.");
        if (a.Get("Groups") is { } groups && faults.Array(groups, "'Groups' must be an array of { Name, RolloutPercentage }."))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            foreach (var group in groups.Value.EnumerateArray())
            {
                var pointer = $"{groups.Pointer}/{i++}";
                if (!faults.Object(group, pointer, "A group")) continue;
                var g = faults.Properties(group, pointer, shape.Find("Groups")!.Value.Child!.ItemShape!);
                if (g.Get("Name") is not { } name || name.Value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.Value.GetString()))
                    faults.Add(pointer + "/Name", "A group needs a 'Name'.");
                else if (!names.Add(name.Value.GetString()!)) faults.Add(name.Pointer, "Group names must be unique.");
                faults.Percent(g.Get("RolloutPercentage"), pointer + "/RolloutPercentage", "'RolloutPercentage'", required: true);
            }
        }
        faults.Percent(a.Get("DefaultRolloutPercentage"), audience.Pointer + "/DefaultRolloutPercentage", "'DefaultRolloutPercentage'", required: true);
        if (a.Get("Exclusion") is not { } exclusion || !faults.Object(exclusion.Value, exclusion.Pointer, "'Exclusion'")) return;
        var e = faults.Properties(exclusion.Value, exclusion.Pointer, shape.Find("Exclusion")!.Value.Child!);
        if (e.Get("Users") is { } excludedUsers) faults.Strings(excludedUsers, "'Users' must be an array of strings.");
        if (e.Get("Groups") is { } excludedGroups) faults.Strings(excludedGroups, "'Groups' must be an array of group names.");
    }

    /// <summary>RFC 1123 (<c>Mon, 01 May 2028 13:59:59 GMT</c>) or ISO 8601; null (and a fault) otherwise.</summary>
    private static DateTimeOffset? Date(Prop? p, Faults faults)
    {
        if (p is not { } given) return null;
        var text = given.Value.ValueKind == JsonValueKind.String ? given.Value.GetString()! : "";
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rfc)) return rfc;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)) return iso;
        faults.Add(given.Pointer, "Must be a date in RFC 1123 (Mon, 01 May 2028 13:59:59 GMT) or ISO 8601 (2028-05-01T13:59:59Z).");
        return null;
    }

    private static string? OneOf(Prop? p, string pointer, string what, string[] allowed, Faults faults)
    {
        var text = p is { Value.ValueKind: JsonValueKind.String } s ? s.Value.GetString() : null;
        var match = allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (match is null) faults.Add(p?.Pointer ?? pointer, $"{what} must be one of {string.Join(", ", allowed)}.");
        return match;
    }

    private static bool IsDay(JsonElement day) =>
        day.ValueKind == JsonValueKind.String && Enum.TryParse<DayOfWeek>(day.GetString(), ignoreCase: true, out _)
        && !int.TryParse(day.GetString(), out _);
}
