using System.Text.Json;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ConfigAdmin.Web.Errors;

/// <summary>The one mapper from exceptions to RFC 9457 problems. A fault of ours is a 500 without details, logged in full.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true;
        var problem = Map(exception, http);
        if (exception is DomainException domain)
        {
            foreach (var (name, value) in domain.Details) problem.Extensions[name] = value;
            if (exception is Core.Reviews.ApprovalRequiredException { Application.Length: > 0 } approval)
                problem.Extensions["changeRequestsUrl"] = Api.Locations.ChangeRequests(approval.Application);
        }
        if (problem.Status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled fault on {Method} {Path}", http.Request.Method, http.Request.Path);
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Unavailable for now on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = "5";
        }
        else if (problem.Status == StatusCodes.Status401Unauthorized)
            http.Response.Headers.WWWAuthenticate = "Bearer";
        else if (problem.Status == StatusCodes.Status429TooManyRequests)
            http.Response.Headers.RetryAfter = "5";
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Map(Exception exception, HttpContext http) => exception switch
    {
        ValidationException v => Problems.Validation(v.Errors.GroupBy(e => Problems.FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        NotFoundException e => Problems.Create(StatusCodes.Status404NotFound, e.Code, e.Message),
        ForbiddenException e => Problems.Create(StatusCodes.Status403Forbidden, e.Code, e.Message),
        Core.Transfer.TransferFormatException or Core.Transfer.UnknownFormatException or Core.Webhooks.WebhookTargetForbiddenException =>
            Problems.Create(StatusCodes.Status400BadRequest, ((DomainException)exception).Code, exception.Message),
        Core.Transfer.ExportConflictException e => Problems.Create(StatusCodes.Status409Conflict, e.Code, e.Message),
        Core.Schemas.SchemaViolationException e => Problems.Create(e.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            e.Code, e.Message),
        Core.Schemas.InvalidSchemaException e => Problems.Create(StatusCodes.Status400BadRequest, e.Code, e.Message),
        Core.Rollouts.RolloutSingleEnvironmentException e => Problems.Create(StatusCodes.Status400BadRequest, e.Code, e.Message),
        ConflictException or Core.Reviews.ApprovalRequiredException or Core.Reviews.StaleRequestException or Core.Rollouts.RolloutInProgressException =>
            Problems.Create(StatusCodes.Status409Conflict, ((DomainException)exception).Code, exception.Message),
        StaleVersionException or ConcurrentWriteException => Problems.Create(StatusCodes.Status412PreconditionFailed,
            ErrorCodes.StaleVersion, exception.Message),
        BadHttpRequestException b => FromBadRequest(b, http),
        Api.UnauthenticatedException => Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, exception.Message),
        Api.TooManyWaitersException { ByCaller: true } => Problems.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, exception.Message),
        Api.TooManyWaitersException => Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, exception.Message),
        JsonException j => FromJson(j),
        _ when DatabaseErrors.IsInvalidInput(exception) => Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed,
            "A value in the request cannot be stored or searched for (for example, it contains a NUL character)."),
        _ when DatabaseErrors.IsUnavailable(exception) => Problems.Create(StatusCodes.Status503ServiceUnavailable,
            ErrorCodes.ServiceUnavailable, "The database cannot be reached right now; nothing was changed. Retry shortly."),
        _ => Problems.Create(StatusCodes.Status500InternalServerError, ErrorCodes.ServerError,
            "An unexpected error occurred. Quote the trace id when you report it."),
    };

    /// <summary>What the framework refused before a handler ran: by status, inner exception type and endpoint metadata.</summary>
    private static ProblemDetails FromBadRequest(BadHttpRequestException b, HttpContext http) => b.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problems.Create(b.StatusCode, ErrorCodes.PayloadTooLarge,
            "The request body is larger than the limit of 1 MiB."),
        StatusCodes.Status415UnsupportedMediaType => Problems.Create(b.StatusCode, ErrorCodes.UnsupportedMediaType,
            ErrorsSetup.UnsupportedMediaTypeDetail),
        _ when b.InnerException is JsonException j => FromJson(j),
        _ when BindingFailures.UnparsableParameter(http) is { } name => Problems.Validation(new()
        {
            [name] = [$"The value of '{name}' is not valid."],
        }),
        _ when BindingFailures.AcceptsBody(http) => Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson,
            "A JSON object body is required."),
        _ => Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, "The request could not be read."),
    };

    /// <summary>
    /// Broken syntax is malformed JSON (the reader's own exception is inside); a well-formed value that does not fit
    /// its field is a field error.
    /// </summary>
    private static ProblemDetails FromJson(JsonException j)
    {
        var field = Problems.FieldName(j.Path?.TrimStart('$').TrimStart('.') ?? "");
        if (j.InnerException is not JsonException && field.Length > 0)
            return Problems.Validation(new() { [field] = [$"'{field}' has a value of the wrong type or an unknown value."] });
        return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson,
            "The request body is not well-formed JSON" + (field.Length > 0 ? $" (near '{field}')." : "."));
    }
}
