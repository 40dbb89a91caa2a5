using System.Text.Json;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// What each failed keyword means, in words built from the schema alone: a config value may be secret, so no message
/// ever repeats it (the library's own messages do, as in "5 should be at most 3").
/// </summary>
public static class SchemaMessages
{
    /// <summary>Formats this server asserts, with how a valid one looks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["date-time"] = "a date-time as RFC 3339 writes it, such as 2026-12-01T10:00:00Z",
        ["date"] = "a date such as 2026-12-01",
        ["time"] = "a time such as 10:00:00Z",
        ["duration"] = "an ISO 8601 duration such as P1DT2H",
        ["email"] = "an email address",
        ["idn-email"] = "an email address",
        ["hostname"] = "a host name",
        ["idn-hostname"] = "a host name",
        ["ipv4"] = "an IPv4 address such as 192.0.2.10",
        ["ipv6"] = "an IPv6 address such as 2001:db8::1",
        ["uri"] = "an absolute URI such as https://example.com/path",
        ["uri-reference"] = "a URI reference",
        ["iri"] = "an absolute IRI",
        ["iri-reference"] = "an IRI reference",
        ["uri-template"] = "a URI template",
        ["uuid"] = "a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        ["json-pointer"] = "a JSON pointer such as /a/b",
        ["relative-json-pointer"] = "a relative JSON pointer such as 1/a",
        ["regex"] = "a regular expression",
    };

    /// <summary>
    /// The faults one failed keyword stands for (one per missing property for <c>required</c>). <paramref name="schema"/>
    /// is the subschema holding the keyword, <paramref name="instance"/> the part of the value it judged; both may be
    /// unknown, and then the message says less.
    /// </summary>
    public static IEnumerable<(string Pointer, string Message)> For(string keyword, string pointer, JsonElement? schema, JsonElement? instance)
    {
        var value = schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(keyword, out var v) ? v : (JsonElement?)null;
        switch (keyword)
        {
            case "required" when value is { ValueKind: JsonValueKind.Array } names:
                foreach (var name in names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
                {
                    if (instance is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out _)) continue;
                    yield return (pointer, $"is missing the required property '{name}'.");
                }
                yield break;
            case "dependentRequired" when value is { ValueKind: JsonValueKind.Object } dependencies:
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    if (instance is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(dependency.Name, out _)) continue;
                    foreach (var name in dependency.Value.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
                        if (!o.TryGetProperty(name, out _)) yield return (pointer, $"is missing the property '{name}', required when '{dependency.Name}' is present.");
                }
                yield break;
        }
        yield return (pointer, One(keyword, value, instance));
    }

    private static string One(string keyword, JsonElement? value, JsonElement? instance) => keyword switch
    {
        "type" => $"must be {Types(value)}{Actual(instance)}.",
        "minimum" => $"must be at least {Raw(value)}.",
        "maximum" => $"must be at most {Raw(value)}.",
        "exclusiveMinimum" => $"must be greater than {Raw(value)}.",
        "exclusiveMaximum" => $"must be less than {Raw(value)}.",
        "multipleOf" => $"must be a multiple of {Raw(value)}.",
        "minLength" => $"must be at least {Raw(value)} characters long.",
        "maxLength" => $"must be at most {Raw(value)} characters long.",
        "pattern" => $"must match the pattern {Raw(value)}.",
        "format" => value?.ValueKind == JsonValueKind.String && Formats.TryGetValue(value.Value.GetString()!, out var looks)
            ? $"must be {looks}." : $"must have the format {Raw(value)}.",
        "enum" => $"must be one of {Raw(value)}.",
        "const" => $"must be exactly {Raw(value)}.",
        "minItems" => $"must have at least {Raw(value)} items.",
        "maxItems" => $"must have at most {Raw(value)} items.",
        "uniqueItems" => "must not hold the same item twice.",
        "contains" or "minContains" => "does not hold enough items that match 'contains'.",
        "maxContains" => "holds too many items that match 'contains'.",
        "minProperties" => $"must have at least {Raw(value)} properties.",
        "maxProperties" => $"must have at most {Raw(value)} properties.",
        "required" => "is missing a required property.",
        "dependentRequired" => "is missing a property that another one requires.",
        _ => $"does not satisfy '{keyword}' of the schema.",
    };

    /// <summary>What a <c>false</c> schema refuses, by the keyword that holds it.</summary>
    public static string Refused(string? keyword) => keyword switch
    {
        "additionalProperties" or "unevaluatedProperties" or "patternProperties" or "properties" => "is not a property the schema allows.",
        "items" or "prefixItems" or "unevaluatedItems" => "is an item beyond those the schema allows.",
        _ => "is not allowed here.",
    };

    private static string Types(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } t => Article(t.GetString()!),
        { ValueKind: JsonValueKind.Array } a => string.Join(" or ", a.EnumerateArray().Select(t => Article(t.GetString() ?? ""))),
        _ => "of another type",
    };

    /// <summary>The value's JSON type, which says nothing of the value itself.</summary>
    private static string Actual(JsonElement? instance) => instance?.ValueKind switch
    {
        JsonValueKind.Object => " (not an object)",
        JsonValueKind.Array => " (not an array)",
        JsonValueKind.String => " (not a string)",
        JsonValueKind.Number => " (not a number)",
        JsonValueKind.True or JsonValueKind.False => " (not a boolean)",
        JsonValueKind.Null => " (not null)",
        _ => "",
    };

    private static string Article(string type) => type switch
    {
        "integer" or "object" or "array" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    /// <summary>A schema value as written (schemas are not secret), cut short when long.</summary>
    private static string Raw(JsonElement? value)
    {
        if (value is null) return "what the schema says";
        var text = value.Value.ValueKind == JsonValueKind.String ? $"'{value.Value.GetString()}'" : SchemaJson.Compact(value.Value);
        return text.Length <= 200 ? text : text[..197] + "...";
    }
}
