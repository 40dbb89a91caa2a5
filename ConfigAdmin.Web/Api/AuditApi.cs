using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", Query).WithTags("Audit").WithName("QueryAudit").RequireAuthorization(Policies.Viewer)
            .WithSummary("Audit entries, newest first; from inclusive, to exclusive; ?application= follows renames. " +
                         "action: created|updated|deleted|revealed; entityType: application|environment|config|override|user|apiKey.")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<AuditEntryDto>>> Query(AuditService service, string? application, string? key,
        string? environment, string? actor, string? action, string? entityType, DateTimeOffset? from,
        DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.QueryAsync(new AuditQuery(application, key, environment, actor,
            ParseEnum<AuditAction>(action, nameof(action)), ParseEnum<AuditEntityType>(entityType, nameof(entityType)),
            from?.UtcDateTime, to?.UtcDateTime, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    /// <summary>Enum filters by name, ignoring case; numbers and unknown names are a 400 that lists the names.</summary>
    private static T? ParseEnum<T>(string? value, string field) where T : struct, Enum =>
        string.IsNullOrEmpty(value) ? null
        : EnumNames.TryParse<T>(value, out var parsed) ? parsed
        : throw ValidatorExtensions.Invalid(field,
            $"'{field}' must be one of {string.Join(", ", Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}.");
}
