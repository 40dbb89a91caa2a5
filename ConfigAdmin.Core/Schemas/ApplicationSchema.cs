using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Schemas;

/// <summary>One key as the application's schema describes it.</summary>
public sealed record SchemaKey(string Key, ConfigValueType ValueType, string? Description, string? Schema);

/// <summary>
/// One JSON Schema (2020-12) of an application's configuration in the nested appsettings shape, as the .NET binder
/// reads it: <c>A:B</c> is property <c>B</c> of object <c>A</c> (names match ignoring case, the first spelling is
/// kept), every key typed. A json key's schema sits in place; its <c>$defs</c> move to the root's <c>$defs</c> as
/// <c>&lt;key&gt;__&lt;name&gt;</c> (keys never hold "__") and its references are rewritten, so each still resolves. Sections
/// stay open to settings ConfigAdmin does not hold (Logging, say). A key that is a value and a section at once (A and
/// A:B) may be either.
/// </summary>
public static class ApplicationSchema
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(string application, IEnumerable<SchemaKey> keys)
    {
        var root = new Node("");
        foreach (var key in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in key.Key.Split(':')) node = node.Child(segment);
            node.Leaf = key;
        }
        var defs = new JsonObject();
        var schema = new JsonObject
        {
            ["$schema"] = SchemaCompiler.Dialect,
            ["title"] = $"{application} configuration",
            ["description"] = $"The settings ConfigAdmin holds for {application}, in the shape of appsettings.json.",
        };
        var document = Section(root, "", defs);
        foreach (var (name, part) in document.ToList())
        {
            document.Remove(name);
            schema[name] = part;
        }
        if (defs.Count > 0) schema["$defs"] = defs;
        return schema.ToJsonString(Indented);
    }

    /// <summary>The members of a node's schema: a section, a value, or either.</summary>
    private static JsonObject Render(Node node, string pointer, JsonObject defs)
    {
        if (node.Children.Count == 0) return Leaf(node.Leaf!, pointer, defs);
        var section = Section(node, node.Leaf is null ? pointer : pointer + "/anyOf/1", defs);
        if (node.Leaf is null) return section;
        return new JsonObject { ["anyOf"] = new JsonArray(Leaf(node.Leaf, pointer + "/anyOf/0", defs), section) };
    }

    private static JsonObject Section(Node node, string pointer, JsonObject defs)
    {
        var properties = new JsonObject();
        foreach (var child in node.Children.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            properties[child.Name] = Render(child, JsonPointers.Append(pointer + "/properties", child.Name), defs);
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    private static JsonObject Leaf(SchemaKey key, string pointer, JsonObject defs)
    {
        var schema = key.ValueType switch
        {
            ConfigValueType.Json when key.Schema is not null => Embedded(key, pointer, defs),
            ConfigValueType.Json => new JsonObject(),
            var type => new JsonObject { ["type"] = type.ToString().ToLowerInvariant() },
        };
        if (key.Description is { } description && !schema.ContainsKey("description")) schema["description"] = description;
        return schema;
    }

    /// <summary>A json key's schema moved to <paramref name="pointer"/>, its root <c>$defs</c> to the root's.</summary>
    private static JsonObject Embedded(SchemaKey key, string pointer, JsonObject defs)
    {
        var schema = JsonNode.Parse(key.Schema!)!.AsObject();
        schema.Remove("$schema");
        schema.Remove("$id");
        var moved = new List<string>();
        foreach (var holder in new[] { "$defs", "definitions" })
        {
            if (schema[holder] is not JsonObject held) continue;
            schema.Remove(holder);
            foreach (var (name, def) in held.ToList())
            {
                held.Remove(name);
                defs[$"{key.Key}__{name}"] = def;
                moved.Add(name);
            }
        }
        var rewrite = new Rewriter(key.Key, pointer);
        rewrite.Walk(schema);
        foreach (var name in moved) rewrite.Walk(defs[$"{key.Key}__{name}"]);
        return schema;
    }

    /// <summary>Rewrites the references and anchors of one key's schema for its new place in the application's.</summary>
    private sealed class Rewriter(string key, string pointer)
    {
        private readonly string _anchorPrefix = (char.IsAsciiLetter(key[0]) ? "" : "_") + key.Replace(':', '.') + "__";

        public void Walk(JsonNode? node)
        {
            if (node is not JsonObject schema) return;
            foreach (var (name, value) in schema.ToList())
            {
                switch (name)
                {
                    case "$ref" or "$dynamicRef" when value is JsonValue v && v.TryGetValue<string>(out var reference):
                        schema[name] = Reference(reference);
                        break;
                    case "$anchor" or "$dynamicAnchor" when value is JsonValue v && v.TryGetValue<string>(out var anchor):
                        schema[name] = _anchorPrefix + anchor;
                        break;
                    case var k when SchemaKeywords.One.Contains(k):
                        Walk(value);
                        break;
                    case var k when SchemaKeywords.Lists.Contains(k) && value is JsonArray list:
                        foreach (var item in list) Walk(item);
                        break;
                    case var k when SchemaKeywords.Maps.Contains(k) && value is JsonObject map:
                        foreach (var (_, item) in map) Walk(item);
                        break;
                }
            }
        }

        /// <summary>A reference of the key's schema (always within it: the schema check saw to that), from the application's root.</summary>
        private string Reference(string reference)
        {
            var fragment = reference[reference.IndexOf('#')..];
            var path = JsonPointers.OfFragment(fragment);
            if (path is null) return "#" + _anchorPrefix + Uri.UnescapeDataString(fragment[1..]);
            foreach (var holder in new[] { "/$defs/", "/definitions/" })
            {
                if (!path.StartsWith(holder, StringComparison.Ordinal)) continue;
                var rest = path[holder.Length..];
                var end = rest.IndexOf('/');
                var name = end < 0 ? rest : rest[..end];
                return "#" + Encode(JsonPointers.Append("/$defs", $"{key}__{Unescape(name)}") + (end < 0 ? "" : rest[end..]));
            }
            return "#" + Encode(pointer + path);
        }

        private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

        /// <summary>A pointer as a URI fragment: what a fragment may hold as it is (key names, "$", ":") stays readable.</summary>
        private static string Encode(string path)
        {
            var text = new System.Text.StringBuilder();
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
            {
                var c = (char)b;
                if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".Contains(c))) text.Append(c);
                else text.Append('%').Append(b.ToString("X2"));
            }
            return text.ToString();
        }
    }

    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public SchemaKey? Leaf { get; set; }
        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Node Child(string name) => Children.TryGetValue(name, out var child) ? child : Children[name] = new Node(name);
    }
}
