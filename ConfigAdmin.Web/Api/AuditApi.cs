using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", Query).WithTags("Audit").WithName("QueryAudit")
            .WithSummary("Audit entries, newest first; from inclusive, to exclusive; ?application= follows renames.")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<AuditEntryDto>>> Query(AuditService service, string? application, string? key,
        string? environment, string? actor, AuditAction? action, AuditEntityType? entityType, DateTimeOffset? from,
        DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.QueryAsync(new AuditQuery(application, key, environment, actor, action, entityType,
            from?.UtcDateTime, to?.UtcDateTime, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));
}
