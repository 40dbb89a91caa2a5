using System.Text.Json;
using Json.Schema;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// Turns the library's hierarchical results into one fault per problem, each at the pointer of the part of the value
/// it concerns: failed alternatives (anyOf, oneOf) become one fault naming what each would need, a missing required
/// property is a fault of its object naming it, the branches of <c>if</c> and <c>contains</c> that merely did not
/// match are no faults.
/// </summary>
internal sealed class ResultWalker(JsonElement schemaRoot, JsonElement instanceRoot, bool quoteLibrary)
{
    private const int MaxAlternatives = 4;

    /// <summary>The faults below the root result (of the whole value).</summary>
    public void Collect(EvaluationResults root, List<(string Pointer, string Message)> faults) =>
        Collect(root, quoteLibrary ? null : schemaRoot, null, faults, "", p => p);

    /// <summary>
    /// Faults of one node. The node's subschema is followed from its parent's by keyword rather than read from the
    /// library's schema location, which is wrong below <c>items</c> in this version.
    /// </summary>
    /// <param name="heldBy">The keyword of the parent's schema that led here (what a failed <c>false</c> schema refuses).</param>
    private void Collect(EvaluationResults node, JsonElement? schema, string? heldBy, List<(string Pointer, string Message)> faults,
        string namePrefix, Func<string, string> relocate)
    {
        if (node.IsValid) return;
        var pointer = relocate(node.InstanceLocation.ToString());
        var instance = JsonPointers.Resolve(instanceRoot, pointer);
        var before = faults.Count;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (keyword.Length == 0)
            {
                faults.Add((pointer, namePrefix + SchemaMessages.Refused(heldBy)));
                continue;
            }
            foreach (var fault in Message(keyword, message, pointer, schema, instance)) faults.Add((fault.Pointer, namePrefix + fault.Message));
        }
        var children = (node.Details ?? []).Select(d => (Keyword: KeywordOf(node, d), Node: d)).ToList();
        foreach (var (keyword, child) in children.Where(c => !c.Node.IsValid))
        {
            var below = ChildSchema(schema, keyword, node, child);
            switch (keyword)
            {
                case "anyOf" or "oneOf" or "if" or "not" or "contains":
                    continue;
                case "propertyNames":
                    Collect(child, below, keyword, faults, "has a property name that ", relocate);
                    continue;
                case "items" when schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("prefixItems", out var prefix)
                                  && prefix.ValueKind == JsonValueKind.Array:
                    Collect(child, below, keyword, faults, namePrefix, AfterPrefix(relocate, pointer, prefix.GetArrayLength()));
                    continue;
                default:
                    Collect(child, below, keyword, faults, namePrefix, relocate);
                    continue;
            }
        }
        Alternatives(schema, node, children, "anyOf", pointer, faults, namePrefix, relocate);
        Alternatives(schema, node, children, "oneOf", pointer, faults, namePrefix, relocate);
        if (children.Any(c => c.Keyword == "not" && c.Node.IsValid)) faults.Add((pointer, namePrefix + "must not match the schema under 'not'."));
        if (faults.Count == before) faults.Add((pointer, namePrefix + "does not match the schema."));
    }

    /// <summary>
    /// The library counts the items that <c>items</c> judges from the end of <c>prefixItems</c>, not from the array's
    /// start: the pointers below it move on by the prefix's length.
    /// </summary>
    private static Func<string, string> AfterPrefix(Func<string, string> relocate, string array, int prefix) => p =>
    {
        var at = relocate(p);
        if (!at.StartsWith(array + "/", StringComparison.Ordinal)) return at;
        var rest = at[(array.Length + 1)..];
        var end = rest.IndexOf('/');
        var index = end < 0 ? rest : rest[..end];
        return int.TryParse(index, out var i) ? $"{array}/{i + prefix}{(end < 0 ? "" : rest[end..])}" : at;
    };

    /// <summary>anyOf or oneOf: one fault when no alternative (or, for oneOf, more than one) matches.</summary>
    private void Alternatives(JsonElement? schema, EvaluationResults node, List<(string Keyword, EvaluationResults Node)> children,
        string keyword, string pointer, List<(string, string)> faults, string prefix, Func<string, string> relocate)
    {
        var branches = children.Where(c => c.Keyword == keyword).Select(c => c.Node).ToList();
        if (branches.Count == 0) return;
        var matching = branches.Count(b => b.IsValid);
        if (keyword == "oneOf" && matching > 1)
        {
            faults.Add((pointer, prefix + $"matches {matching} of the 'oneOf' alternatives; it must match exactly one."));
            return;
        }
        if (matching > 0) return;
        var needs = branches.Take(MaxAlternatives).Select(branch =>
        {
            var inner = new List<(string Pointer, string Message)>();
            Collect(branch, ChildSchema(schema, keyword, node, branch), keyword, inner, "", relocate);
            return string.Join(" and ", inner.Select(f => f.Pointer == pointer ? f.Message.TrimEnd('.') : $"{f.Pointer} {f.Message.TrimEnd('.')}"));
        });
        var more = branches.Count > MaxAlternatives ? $" (or one of {branches.Count - MaxAlternatives} more)" : "";
        faults.Add((pointer, prefix + $"matches none of the '{keyword}' alternatives: it {string.Join("; or it ", needs)}{more}."));
    }

    private IEnumerable<(string Pointer, string Message)> Message(string keyword, string library, string pointer, JsonElement? schema,
        JsonElement? instance)
    {
        // A schema's own checks may quote the library (the "value" is then a schema, never a secret); a config value's never do.
        if (schema is null && quoteLibrary) return [(pointer, Reworded(library))];
        return SchemaMessages.For(keyword, pointer, schema, instance);
    }

    /// <summary>The library's wording of a schema's own faults, in ours.</summary>
    private static string Reworded(string library)
    {
        var type = System.Text.RegularExpressions.Regex.Match(library, "^Value is \"(\\w+)\" but should be \"(\\w+)\"$");
        if (type.Success) return $"must be {Article(type.Groups[2].Value)} (not {Article(type.Groups[1].Value)}).";
        return library switch
        {
            "Value should match one of the values specified by the enum" => "must be one of the values the meta-schema allows.",
            "Value does not match format \"regex\"" => "must be a valid regular expression.",
            _ => library,
        };
    }

    private static string Article(string type) => type is "integer" or "object" or "array" ? "an " + type : type == "null" ? "null" : "a " + type;

    /// <summary>The keyword of the parent's schema that led to <paramref name="child"/> (its evaluation path's next segment).</summary>
    private static string KeywordOf(EvaluationResults parent, EvaluationResults child) => Segment(parent, child, 0) ?? "";

    /// <summary>
    /// The subschema that <paramref name="child"/> evaluated, found from its parent's: by index for lists, by the
    /// property for <c>properties</c>, through the reference for <c>$ref</c>; null when it cannot be told.
    /// </summary>
    private JsonElement? ChildSchema(JsonElement? parent, string keyword, EvaluationResults parentNode, EvaluationResults child)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } schema || !schema.TryGetProperty(keyword, out var held)) return null;
        switch (keyword)
        {
            case "allOf" or "anyOf" or "oneOf" or "prefixItems":
                var index = Segment(parentNode, child, 1);
                return int.TryParse(index, out var i) && held.ValueKind == JsonValueKind.Array && i < held.GetArrayLength() ? held[i] : null;
            case "properties":
                var name = LastSegment(child.InstanceLocation.ToString());
                return held.ValueKind == JsonValueKind.Object && name is not null && held.TryGetProperty(name, out var property) ? property : null;
            case "patternProperties" or "dependentSchemas" or "$defs":
                var key = Segment(parentNode, child, 1);
                return held.ValueKind != JsonValueKind.Object || key is null ? null
                    : held.EnumerateObject().Where(p => Escaped(p.Name) == key || Escaped(Escaped(p.Name)) == key).Select(p => (JsonElement?)p.Value).FirstOrDefault();
            case "$ref" or "$dynamicRef":
                return held.ValueKind == JsonValueKind.String ? Target(held.GetString()!) : null;
            default:
                return held;
        }
    }

    /// <summary>Where a reference within the schema leads: a pointer, or an anchor the schema declares.</summary>
    private JsonElement? Target(string reference)
    {
        var hash = reference.IndexOf('#');
        if (hash < 0) return schemaRoot;
        var fragment = JsonPointers.OfFragment(reference[hash..]);
        return fragment is not null ? JsonPointers.Resolve(schemaRoot, fragment) : Anchored(schemaRoot, Uri.UnescapeDataString(reference[(hash + 1)..]));
    }

    private static JsonElement? Anchored(JsonElement element, string anchor)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("$anchor", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() == anchor) return element;
                if (element.TryGetProperty("$dynamicAnchor", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() == anchor) return element;
                foreach (var p in element.EnumerateObject())
                    if (Anchored(p.Value, anchor) is { } found) return found;
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (Anchored(item, anchor) is { } found) return found;
                return null;
            default:
                return null;
        }
    }

    private static string Escaped(string name) => name.Replace("~", "~0").Replace("/", "~1");

    /// <summary>The <paramref name="n"/>th segment of the child's evaluation path after its parent's (0: the keyword).</summary>
    private static string? Segment(EvaluationResults parent, EvaluationResults child, int n)
    {
        var parentPath = parent.EvaluationPath.ToString();
        var childPath = child.EvaluationPath.ToString();
        if (childPath.Length <= parentPath.Length) return null;
        var segments = childPath[parentPath.Length..].TrimStart('/').Split('/');
        return n < segments.Length ? segments[n] : null;
    }

    private static string? LastSegment(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash < 0 ? null : pointer[(slash + 1)..].Replace("~1", "/").Replace("~0", "~");
    }
}
