using System.Text.Json;
using System.Text.Json.Serialization;
using ConfigAdmin.Core.Changes;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>
/// A change of a key as field rows (the shape <see cref="AuditDiffRow"/> gives audit entries), so every diff on the
/// History tab, the compare page and the import preview reads the same way.
/// </summary>
public static class ChangeRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// A committed change: the fields it changed; a created or deleted key shows every field it had (its other side is
    /// absent).
    /// </summary>
    public static IReadOnlyList<AuditDiffRow> Of(KeyChangeDto change)
    {
        var before = change.Before is { Deleted: false } b ? Fields(b) : [];
        var after = change.After.Deleted ? [] : Fields(change.After);
        var rows = Union(before, after);
        var whole = before.Count == 0 || after.Count == 0;
        return rows.Where(r => whole ? (r.Before ?? r.After) is not null : r.Changed).ToList();
    }

    /// <summary>One key of a dry run: a single value (promote, import into one layer) or the key's whole state (restore).</summary>
    public static IReadOnlyList<AuditDiffRow> Of(DiffChange change)
    {
        if (change.From is null or string && change.To is null or string)
        {
            var field = change.Environment is { } env ? FieldLabels.OverridePrefix + env : "defaultValue";
            return [new AuditDiffRow(field, (string?)change.From, (string?)change.To)];
        }
        return Union(Flatten(change.From), Flatten(change.To)).Where(r => r.Changed).ToList();
    }

    private static Dictionary<string, string?> Fields(RevisionDto r)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["key"] = r.Key,
            ["valueType"] = r.ValueType.ToString().ToLowerInvariant(),
            ["defaultValue"] = r.DefaultValue,
            ["description"] = r.Description,
            ["isSecret"] = r.IsSecret ? "true" : "false",
        };
        foreach (var (env, value) in r.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal)) fields[FieldLabels.OverridePrefix + env] = value;
        return fields;
    }

    /// <summary>A key's state as a dry run shows it (an object, or a bare value) as fields; its overrides one field each.</summary>
    private static Dictionary<string, string?> Flatten(object? state)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (state is null) return fields;
        var element = JsonSerializer.SerializeToElement(state, state.GetType(), Json);
        if (element.ValueKind != JsonValueKind.Object)
        {
            fields["value"] = Text(element);
            return fields;
        }
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name == "overrides" && p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var o in p.Value.EnumerateObject()) fields[FieldLabels.OverridePrefix + o.Name] = Text(o.Value);
            }
            else fields[p.Name] = Text(p.Value);
        }
        return fields;
    }

    private static List<AuditDiffRow> Union(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
        before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal)
            .Select(f => new AuditDiffRow(f, before.GetValueOrDefault(f), after.GetValueOrDefault(f)))
            .ToList();

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
