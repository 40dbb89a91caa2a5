using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Mvc;

namespace ConfigAdmin.Web.Errors;

/// <summary>Builds the problems this API answers with; every one carries a machine-readable <c>code</c>.</summary>
public static class Problems
{
    public static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Title = TitleOf(status),
        Detail = detail,
        Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        Extensions = { ["code"] = code },
    };

    public static ValidationProblemDetails Validation(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are not valid.",
        Detail = "See errors for each field.",
        Type = "https://www.rfc-editor.org/rfc/rfc9110#status.400",
        Extensions = { ["code"] = ErrorCodes.ValidationFailed },
    };

    /// <summary>The code for a status when nobody set one (framework answers such as 404 for an unknown route).</summary>
    public static string CodeOf(int status) => status switch
    {
        400 => ErrorCodes.ValidationFailed,
        401 => ErrorCodes.Unauthenticated,
        403 => ErrorCodes.Forbidden,
        404 => ErrorCodes.NotFound,
        409 => ErrorCodes.NameTaken,
        412 => ErrorCodes.StaleVersion,
        413 => ErrorCodes.PayloadTooLarge,
        415 => ErrorCodes.UnsupportedMediaType,
        429 => ErrorCodes.RateLimited,
        503 => ErrorCodes.ServiceUnavailable,
        405 => "method_not_allowed",
        _ when status >= 500 => ErrorCodes.ServerError,
        _ => "client_error",
    };

    /// <summary>FluentValidation's "ContactEmail" or "Overrides[production]" as the JSON field clients sent: "contactEmail".</summary>
    public static string FieldName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));

    public static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Authentication is required.",
        403 => "Not allowed.",
        404 => "The resource was not found.",
        409 => "The change conflicts with stored state.",
        412 => "The resource was changed by someone else.",
        413 => "The request body is too large.",
        415 => "The request body must be JSON.",
        429 => "Too many requests.",
        503 => "The service is unavailable for now.",
        _ => "An unexpected error occurred.",
    };
}
