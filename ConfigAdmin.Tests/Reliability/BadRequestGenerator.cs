using System.Text;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>One generated request: method, URL (already escaped as the fuzzer wants it), body, content type, headers.</summary>
public sealed record FuzzRequest(string Method, string Url, byte[]? Body, string? ContentType, string? IfMatch, string Kind);

/// <summary>
/// Generates hostile requests across every /v1 route from a seed: broken and truncated JSON, wrong types, nulls,
/// huge strings and numbers, deep nesting, unicode edge cases and control characters, traversal and encoded
/// slashes, injection strings, duplicate properties, wrong content types, oversized bodies, bad query
/// parameters and bad If-Match values. Some generated requests are valid by chance; the test counts them.
/// </summary>
public sealed class BadRequestGenerator(int seed, string app, string configId)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Nasty =
    [
        "", " ", "../../etc/passwd", "..%2F..%2Fetc", "%2e%2e%2f", "a%2Fb", "a/b", "%00", "\u0000", "\u0001\u0002\u001f", "\t\r\n",
        "' OR 1=1 --", "'; DROP TABLE applications; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
        "\u202e\u200b\u200d\ufeff", "😀🏳️‍🌈", "ñ", "İstanbul", "\ud800", "\udfff", "a\ud800b", new string('x', 300), new string('é', 70_000),
        "NaN", "Infinity", "-0", "1e400", "99999999999999999999999", "true", "null", "production", "PRODUCTION", "Prod", "-", ".", ":",
        "a..b", "a:", "__", "a__b", "%", "%%", "%ZZ", "+", "*",
    ];

    private static readonly string[] JsonJunk =
    [
        "null", "true", "1", "-1", "1e400", "1.5", "99999999999999999999999", "\"\"", "[]", "{}", "[null]", "{\"a\":1}",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\t\\n\"", "-", "[", "{", "\"unterminated", "tru", "nul", "0x10", "01",
    ];

    public FuzzRequest Next() => _random.Next(14) switch
    {
        0 => Body("POST", "/v1/applications", AppFields),
        1 => Body("PUT", $"/v1/applications/{NameOrNasty()}", AppFields),
        2 => Body("POST", "/v1/environments", EnvFields),
        3 => Body("PUT", $"/v1/environments/{NameOrNasty()}", EnvFields),
        4 => Body("POST", "/v1/configs", ConfigFields),
        5 => Body("PUT", $"/v1/configs/{IdOrNasty()}", ConfigFields),
        6 => Body("PUT", $"/v1/configs/{IdOrNasty()}/overrides/{EnvSegment()}", ["value", "version"]),
        7 => Plain("DELETE", Pick([$"/v1/applications/{Segment()}", $"/v1/environments/{Segment()}", $"/v1/configs/{IdOrNasty()}",
            $"/v1/configs/{IdOrNasty()}/overrides/{EnvSegment()}"])),
        8 => Plain("GET", $"/v1/applications/{NameOrNasty()}/config{Query("environment", "explain")}"),
        9 => Plain("GET", $"/v1/applications{Query("search", "sort", "page", "pageSize")}"),
        10 => Plain("GET", $"/v1/configs{Query("application", "environment", "search", "page", "pageSize")}"),
        11 => Plain("GET", $"/v1/audit{Query("application", "key", "environment", "actor", "action", "entityType", "from", "to", "page", "pageSize")}"),
        12 => Plain("GET", Pick([$"/v1/applications/{Segment()}", $"/v1/environments/{Segment()}", $"/v1/configs/{IdOrNasty()}",
            $"/v1/environments{Query("page", "pageSize")}"])),
        _ => Plain(Pick(["PATCH", "POST", "PUT", "GET"]), Pick([$"/v1/{Segment()}", "/v1/applications/%2F", "/v1/configs/..%2F..",
            $"/v1/applications/{Segment()}/config/{Segment()}"])),
    };

    private static readonly string[] AppFields = ["name", "description", "owner", "contactEmail", "version"];
    private static readonly string[] EnvFields = ["name", "description", "sortOrder", "version"];
    private static readonly string[] ConfigFields =
        ["application", "key", "valueType", "defaultValue", "description", "isSecret", "overrides", "version"];

    private FuzzRequest Body(string method, string url, string[] fields)
    {
        var kind = _random.Next(12);
        var (body, label) = kind switch
        {
            0 => (Truncate(ObjectOf(fields)), "truncated json"),
            1 => (RandomBytes(), "random bytes"),
            2 => (ObjectOf(fields, wrongTypes: true), "wrong types"),
            3 => ("{" + string.Join(",", fields.Select(f => $"\"{f}\":null")) + "}", "nulls"),
            4 => (new string('[', 5000) + new string(']', 5000), "deep nesting"),
            5 => (ObjectOf(fields) is var o && o.Length > 2 ? o[..^1] + $",\"{Pick(fields)}\":\"dup\"}}" : o, "duplicate property"),
            6 => ("{\"name\":\"" + new string('a', 1024 * 1024 + 100) + "\"}", "oversized body"),
            7 => (Pick(JsonJunk), "json junk"),
            _ => (ObjectOf(fields), "hostile values"),
        };
        var contentType = _random.Next(10) switch
        {
            0 => Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx"]),
            1 => null,
            _ => "application/json",
        };
        return new FuzzRequest(method, url, Encoding.UTF8.GetBytes(body), contentType, IfMatch(), $"{label}, {contentType ?? "no content type"}");
    }

    private FuzzRequest Plain(string method, string url) => new(method, url, null, null, IfMatch(), "query/path");

    private string? IfMatch() => _random.Next(6) switch
    {
        0 => Pick(["garbage", "\"1\"", "W/\"1\"", "*", "\"1\", \"2\"", "\"\"", "\"-1\"", "\"99999999999999999999\"", "\"abc\"", "\"1", ",,,"]),
        _ => null,
    };

    private string ObjectOf(string[] fields, bool wrongTypes = false)
    {
        var sb = new StringBuilder("{");
        foreach (var field in fields.Where(_ => _random.Next(4) > 0))
        {
            if (sb.Length > 1) sb.Append(',');
            sb.Append('"').Append(field).Append("\":");
            sb.Append(wrongTypes || _random.Next(3) == 0 ? Pick(JsonJunk) : field switch
            {
                "valueType" => Quote(Pick(["string", "integer", "number", "boolean", "json", "STRING", "decimal", "0", ""])),
                "overrides" => $"{{{Quote(EnvOrNasty())}:{Quote(Pick(Nasty))}}}",
                "isSecret" => Pick(["true", "false", "\"yes\""]),
                "sortOrder" or "version" => Pick(["1", "-1", "2147483648", "1.5", "\"1\""]),
                "application" => Quote(_random.Next(3) == 0 ? app : Pick(Nasty)),
                _ => Quote(Pick(Nasty)),
            });
        }
        return sb.Append('}').ToString();
    }

    private string Query(params string[] names)
    {
        var parts = names.Where(_ => _random.Next(3) > 0).Select(n => $"{n}={Uri.EscapeDataString(Pick(Nasty))}");
        if (_random.Next(5) == 0) parts = parts.Append(Pick(["page=-1", "pageSize=0", "pageSize=501", "page=abc", "pageSize=1e3",
            "page=99999999999", "sort=;DROP", "explain=maybe", "from=yesterday", "to=2026-13-45", "action=exploded", "entityType=9"]));
        var query = string.Join('&', parts);
        return query.Length == 0 ? "" : "?" + query;
    }

    private string NameOrNasty() => _random.Next(3) == 0 ? app : Segment();
    private string EnvOrNasty() => _random.Next(3) == 0 ? "production" : Pick(Nasty);
    private string EnvSegment() => _random.Next(3) == 0 ? "production" : Segment();
    private string IdOrNasty() => _random.Next(3) == 0 ? configId : _random.Next(2) == 0 ? Guid.NewGuid().ToString() : Segment();

    /// <summary>A path segment: raw nasty text escaped, or a hand-made encoding such as %2F.</summary>
    /// <remarks>
    /// No NUL reaches a path: the server (Kestrel, and the test server in its image) refuses such a request line
    /// before the app runs. NUL is sent in queries and bodies instead.
    /// </remarks>
    private string Segment()
    {
        var s = Pick(Nasty).Replace("\0", "nul");
        if (s.Length == 0) s = "x";
        return _random.Next(3) == 0 && !s.Contains('%') && !s.Any(c => char.IsSurrogate(c) || char.IsControl(c))
            ? s.Replace("/", "%2F").Replace(" ", "%20") : Uri.EscapeDataString(s);
    }

    private string Truncate(string json) => json.Length < 2 ? json : json[.._random.Next(1, json.Length)];

    private string RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 200)];
        _random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
