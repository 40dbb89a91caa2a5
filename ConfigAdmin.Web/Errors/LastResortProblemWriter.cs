using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Errors;

/// <summary>
/// Registered after the framework's writer, which writes only for an Accept header that allows JSON: a request that
/// asks for <c>text/html</c> alone (<c>curl -H 'Accept: text/html'</c>, link checkers) still gets its problem,
/// as <c>application/problem+json</c>, instead of <c>IProblemDetailsService.WriteAsync</c> throwing and the request
/// ending in an empty 500. RFC 9110 lets a server answer outside Accept; a problem is more use than a 406.
/// </summary>
public sealed class LastResortProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= Problems.TitleOf(problem.Status.Value);
        problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{problem.Status}";
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return new(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json, "application/problem+json"));
    }
}
