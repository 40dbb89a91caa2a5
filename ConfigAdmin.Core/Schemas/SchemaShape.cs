using System.Text.Json;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// What this server asks of a schema beyond the meta-schema: references only within the schema itself, no embedded
/// resources (<c>$id</c> below the root), the 2020-12 dialect, and formats it knows how to assert (a misspelt format
/// would otherwise let every value through). Walks only the places that hold subschemas: a property named "$ref" or
/// a "$ref" inside <c>enum</c> is data.
/// </summary>
internal sealed class SchemaShape(JsonElement root)
{
    private static readonly string[] Types = ["array", "boolean", "integer", "null", "number", "object", "string"];

    private readonly List<SchemaFault> _faults = [];
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
    private readonly List<(string Pointer, string Target)> _references = [];

    public IReadOnlyList<SchemaFault> Faults()
    {
        if (root.TryGetProperty("$schema", out var dialect) && dialect.ValueKind == JsonValueKind.String
            && dialect.GetString()!.TrimEnd('#') != SchemaCompiler.Dialect)
            _faults.Add(new("/$schema", $"must be {SchemaCompiler.Dialect} (JSON Schema 2020-12), or left out."));
        Walk(root, "", isRoot: true);
        foreach (var (pointer, target) in _references) CheckReference(pointer, target);
        return _faults;
    }

    private void Walk(JsonElement schema, string pointer, bool isRoot = false)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        foreach (var property in schema.EnumerateObject())
        {
            var at = JsonPointers.Append(pointer, property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "$ref" or "$dynamicRef" when value.ValueKind == JsonValueKind.String:
                    _references.Add((at, value.GetString()!));
                    break;
                case "$anchor" or "$dynamicAnchor" when value.ValueKind == JsonValueKind.String:
                    _anchors.Add(value.GetString()!);
                    break;
                case "$id" when !isRoot:
                    _faults.Add(new(at, "embedded resources are not supported: keep '$id' at the root only, and shared parts under '$defs'."));
                    break;
                case "$schema" when !isRoot:
                    _faults.Add(new(at, "belongs at the root of the schema only."));
                    break;
                case "type" when !IsType(value):
                    _faults.Add(new(at, $"must be one of {string.Join(", ", Types)}, or an array of them."));
                    break;
                case "format" when value.ValueKind == JsonValueKind.String && !SchemaMessages.Formats.ContainsKey(value.GetString()!):
                    _faults.Add(new(at, $"'{value.GetString()}' is not a format this server checks; it checks {string.Join(", ", SchemaMessages.Formats.Keys)}."));
                    break;
                case var name when SchemaKeywords.One.Contains(name):
                    Walk(value, at);
                    break;
                case var name when SchemaKeywords.Lists.Contains(name) && value.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) Walk(item, JsonPointers.Append(at, i++));
                    break;
                case var name when SchemaKeywords.Maps.Contains(name) && value.ValueKind == JsonValueKind.Object:
                    foreach (var entry in value.EnumerateObject())
                    {
                        // The evaluator loses these two keywords' entries whose names hold '/' or '~' (it crashes or skips them).
                        if (name is "patternProperties" or "dependentSchemas" && entry.Name.IndexOfAny(['/', '~']) >= 0)
                            _faults.Add(new(JsonPointers.Append(at, entry.Name), name == "patternProperties"
                                ? "a pattern here may not contain '/' or '~': write them as \\x2F and \\x7E."
                                : "a property name here may not contain '/' or '~'."));
                        Walk(entry.Value, JsonPointers.Append(at, entry.Name));
                    }
                    break;
            }
        }
    }

    private static bool IsType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Types.Contains(value.GetString()),
        JsonValueKind.Array => value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && Types.Contains(t.GetString())),
        _ => false,
    };

    /// <summary>A reference must stay within the schema: "#/…" to a place that exists, or "#name" to an anchor it declares.</summary>
    private void CheckReference(string pointer, string target)
    {
        var rootId = root.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()!.TrimEnd('#') : null;
        var local = target.StartsWith('#') ? target
            : rootId is not null && target.StartsWith(rootId + "#", StringComparison.Ordinal) ? target[rootId.Length..]
            : rootId is not null && target == rootId ? "#"
            : null;
        if (local is null)
        {
            _faults.Add(new(pointer, $"'{target}' refers outside this schema: only references within it (such as #/$defs/name) are allowed, and nothing is fetched."));
            return;
        }
        var fragment = JsonPointers.OfFragment(local);
        if (fragment is null)
        {
            var anchor = Uri.UnescapeDataString(local[1..]);
            if (!_anchors.Contains(anchor)) _faults.Add(new(pointer, $"'{target}' names the anchor '{anchor}', which this schema does not declare."));
        }
        else if (JsonPointers.Resolve(root, fragment) is null)
        {
            _faults.Add(new(pointer, $"'{target}' points to nothing in this schema."));
        }
    }
}
