namespace ConfigAdmin.Web.Api;

/// <summary>
/// The one definition of the client read's URL, <c>GET /v1/applications/{name}/config?environment=&amp;explain=</c>:
/// the route template, and the allocation-free matcher the fast path and the rate limiter use before routing.
/// </summary>
public static class ClientReadRoute
{
    /// <summary>The route template inside the <c>/v1</c> group.</summary>
    public const string Template = "/applications/{name}/config";

    private const string Prefix = "/v1/applications/";
    private const string Suffix = "/config";

    /// <summary>True for a GET whose path has the client read's shape (ignoring case, as routing does).</summary>
    public static bool IsClientRead(HttpRequest request) => HttpMethods.IsGet(request.Method) && TryMatchPath(request.Path.Value, out _);

    /// <summary>The <c>{name}</c> segment of a client-read path: one non-empty segment, nothing escaped.</summary>
    public static bool TryMatchPath(ReadOnlySpan<char> path, out ReadOnlySpan<char> name)
    {
        name = default;
        if (path.Length <= Prefix.Length + Suffix.Length || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) return false;
        name = path[Prefix.Length..^Suffix.Length];
        return !name.ContainsAny('/', '%');
    }

    /// <summary>
    /// The plain query only: <c>environment</c> given once and non-empty, <c>explain</c> at most once as true/false,
    /// nothing escaped and nothing else. Anything unusual is left to the endpoint, which answers it (and its errors).
    /// </summary>
    public static bool TryParseQuery(ReadOnlySpan<char> query, out ReadOnlySpan<char> environment, out bool explain)
    {
        environment = default;
        explain = false;
        if (query.Length < 2 || query[0] != '?' || query.ContainsAny('%', '+')) return false;
        bool? exp = null;
        query = query[1..];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            if (eq < 0) return false;
            var key = pair[..eq];
            var value = pair[(eq + 1)..];
            if (key.SequenceEqual("environment") && environment.IsEmpty && value.Length > 0) environment = value;
            else if (key.SequenceEqual("explain") && exp is null && value is "true" or "false") exp = value.SequenceEqual("true");
            else return false;
        }
        explain = exp ?? false;
        return !environment.IsEmpty;
    }
}
