using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Web.Errors;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Serves client reads whose document is cached before the rest of the pipeline runs: no routing, no DI scope,
/// no binding (ADR 0005). Anything else — a miss, an unusual URL or query, a CORS request, a configured rate
/// limit — falls through to the endpoint, which answers it (and its errors) the ordinary way.
/// </summary>
public sealed class ClientReadFastPath(RequestDelegate next, ResolutionService resolution, IOptions<ApiOptions> options)
{
    private const string Prefix = "/v1/applications/";
    private const string Suffix = "/config";
    private readonly bool _enabled = options.Value.ClientReadsPerSecond <= 0;

    public Task InvokeAsync(HttpContext http)
    {
        if (_enabled && TryParse(http.Request, out var name, out var environment, out var explain)
                     && resolution.TryGetCached(name, environment, explain, out var document))
        {
            ErrorsSetup.AddCorrelationHeaders(http);
            return ClientConfigApi.WriteAsync(http, document, stale: false);
        }
        return next(http);
    }

    /// <summary>Only the plain shape: one unescaped name segment, environment (and explain) given once, no Origin.</summary>
    private static bool TryParse(HttpRequest request, out string name, out string environment, out bool explain)
    {
        name = environment = "";
        explain = false;
        var path = request.Path.Value;
        if (!HttpMethods.IsGet(request.Method) || path is null || request.Headers.Origin.Count > 0
            || !path.StartsWith(Prefix, StringComparison.Ordinal) || !path.EndsWith(Suffix, StringComparison.Ordinal)
            || path.Length <= Prefix.Length + Suffix.Length) return false;
        name = path[Prefix.Length..^Suffix.Length];
        if (name.Contains('/') || name.Contains('%')) return false;

        var query = request.QueryString.Value.AsSpan();
        if (query.Length < 2 || query.ContainsAny('%', '+')) return false;
        string? env = null;
        bool? exp = null;
        query = query[1..];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            if (eq < 0) return false;
            var key = pair[..eq];
            var value = pair[(eq + 1)..];
            if (key.SequenceEqual("environment") && env is null && value.Length > 0) env = value.ToString();
            else if (key.SequenceEqual("explain") && exp is null && value is "true" or "false") exp = value.SequenceEqual("true");
            else return false;
        }
        if (env is null) return false;
        environment = env;
        explain = exp ?? false;
        return true;
    }
}
