using System.ComponentModel;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace ConfigAdmin.Web.Errors;

/// <summary>Which part of a request the framework could not bind, found from the endpoint's own metadata.</summary>
public static class BindingFailures
{
    /// <summary>The first query or route parameter whose value does not parse as the handler's parameter type.</summary>
    public static string? UnparsableParameter(HttpContext http)
    {
        foreach (var parameter in Endpoint(http)?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse) continue;
            var raw = http.Request.Query.TryGetValue(parameter.Name, out var query) ? query.ToString()
                : RouteValues(http).TryGetValue(parameter.Name, out var route) ? route?.ToString()
                : null;
            if (string.IsNullOrEmpty(raw)) continue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!TypeDescriptor.GetConverter(type).IsValid(raw)) return parameter.Name;
        }
        return null;
    }

    /// <summary>True when the endpoint reads a body (so a refusal without a reason is about the body).</summary>
    public static bool AcceptsBody(HttpContext http) => Endpoint(http)?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;

    /// <summary>The exception handler middleware clears the endpoint and route values before handlers run; it keeps the originals.</summary>
    private static Endpoint? Endpoint(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    private static RouteValueDictionary RouteValues(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? http.Request.RouteValues;
}
