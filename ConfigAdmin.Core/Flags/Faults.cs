using System.Globalization;
using System.Text.Json;

namespace ConfigAdmin.Core.Flags;

/// <summary>A value inside a flag definition and its JSON pointer.</summary>
internal readonly record struct Prop(JsonElement Value, string Pointer);

/// <summary>An object's properties by the library's spelling (input names ignore case).</summary>
internal sealed class Props(Dictionary<string, Prop> byName)
{
    public Prop? Get(string name) => byName.TryGetValue(name, out var p) ? p : null;
}

/// <summary>The faults found so far, and the small checks every part of a definition shares.</summary>
internal sealed class Faults
{
    public List<(string Pointer, string Message)> List { get; } = [];

    public void Add(string pointer, string message) => List.Add((pointer, message));

    /// <summary>RFC 6901: '~' and '/' in a name are escaped.</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public bool Object(JsonElement value, string pointer, string what)
    {
        if (value.ValueKind == JsonValueKind.Object) return true;
        Add(pointer, $"{what} must be a JSON object.");
        return false;
    }

    public bool Array(Prop p, string message)
    {
        if (p.Value.ValueKind == JsonValueKind.Array) return true;
        Add(p.Pointer, message);
        return false;
    }

    public void Type(Prop p, JsonValueKind kind, string message)
    {
        if (p.Value.ValueKind != kind) Add(p.Pointer, message);
    }

    public void Boolean(Prop p, string message)
    {
        if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) Add(p.Pointer, message);
    }

    public void Strings(Prop p, string message)
    {
        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)) Add(p.Pointer, message);
    }

    /// <summary>A number from 0 to 100 (a numeric string too: configuration carries numbers as text); null when absent or wrong.</summary>
    public double? Percent(Prop? p, string pointer, string what, bool required)
    {
        if (p is not { } given)
        {
            if (required) Add(pointer, $"{what} is required (a number from 0 to 100).");
            return null;
        }
        double? number = given.Value.ValueKind switch
        {
            JsonValueKind.Number => given.Value.GetDouble(),
            JsonValueKind.String when double.TryParse(given.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        if (number is not { } n || !double.IsFinite(n) || n < 0 || n > 100)
        {
            Add(given.Pointer, $"{what} must be a number from 0 to 100.");
            return null;
        }
        return n;
    }

    /// <summary>
    /// The object's known properties by canonical name; an unknown name or one given twice (ignoring case) is a fault.
    /// </summary>
    public Props Properties(JsonElement obj, string pointer, FlagShape shape)
    {
        var found = new Dictionary<string, Prop>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var at = $"{pointer}/{Escape(property.Name)}";
            if (shape.Find(property.Name) is not { } known)
                Add(at, $"Unknown property; expected one of {string.Join(", ", shape.Names)}.");
            else if (!found.TryAdd(known.Name, new Prop(property.Value, at)))
                Add(at, $"'{known.Name}' is given twice (names ignore case).");
        }
        return new Props(found);
    }
}
