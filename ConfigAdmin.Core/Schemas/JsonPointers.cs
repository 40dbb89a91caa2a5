using System.Text.Json;

namespace ConfigAdmin.Core.Schemas;

/// <summary>JSON Pointers (RFC 6901) into a schema or a value: building them and following them.</summary>
public static class JsonPointers
{
    /// <summary><paramref name="pointer"/> with one more segment, escaped.</summary>
    public static string Append(string pointer, string segment) => pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    public static string Append(string pointer, int index) => pointer + "/" + index;

    /// <summary>The element a pointer names, or null when it names nothing.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer.Length == 0) return root;
        if (pointer[0] != '/') return null;
        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i >= 0 && i < current.GetArrayLength())
                current = current[i];
            else return null;
        }
        return current;
    }

    /// <summary>The pointer of a URI fragment ("#/$defs/a%20b" → "/$defs/a b"); null for an anchor ("#name").</summary>
    public static string? OfFragment(string fragment)
    {
        var text = Uri.UnescapeDataString(fragment.StartsWith('#') ? fragment[1..] : fragment);
        return text.Length == 0 || text[0] == '/' ? text : null;
    }
}
