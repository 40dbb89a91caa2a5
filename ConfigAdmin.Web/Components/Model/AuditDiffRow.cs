using System.Text.Json;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>One field of an audit entry's before/after snapshots, side by side.</summary>
public sealed record AuditDiffRow(string Field, string? Before, string? After)
{
    public bool Changed => Before != After;

    /// <summary>The field as a person reads it ("Default value", "Value in production").</summary>
    public string Label => FieldLabels.Of(Field);

    /// <summary>The union of both snapshots' fields in first-seen order; non-objects become one "value" row.</summary>
    public static IReadOnlyList<AuditDiffRow> Of(JsonElement? before, JsonElement? after)
    {
        var b = Fields(before);
        var a = Fields(after);
        return b.Keys.Concat(a.Keys).Distinct(StringComparer.Ordinal)
            .Select(f => new AuditDiffRow(f, b.GetValueOrDefault(f), a.GetValueOrDefault(f)))
            .ToList();
    }

    private static Dictionary<string, string?> Fields(JsonElement? element)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (element is not { } e) return fields;
        if (e.ValueKind != JsonValueKind.Object)
        {
            fields["value"] = Text(e);
            return fields;
        }
        foreach (var p in e.EnumerateObject()) fields[p.Name] = Text(p.Value);
        return fields;
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
