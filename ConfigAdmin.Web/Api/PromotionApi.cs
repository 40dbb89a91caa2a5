using ConfigAdmin.Core.Changes;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>Two environments side by side, and chosen keys' values moved from one to the other.</summary>
public static class PromotionApi
{
    public static IEndpointRouteBuilder MapPromotionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/applications/{name}/compare", Compare).WithTags("Compare and promote").WithName("CompareEnvironments")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Compare two environments key by key: { items: [{ key, status: same|differs|onlyFrom|onlyTo, from, to }] }; secret values show as ***.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/applications/{name}/promote", Promote).WithTags("Compare and promote").WithName("PromoteKeys")
            .RequireAuthorization(Policies.EditApplication)
            .WithSummary("Set each chosen key's override in 'to' to its value in 'from' { from, to, keys, dryRun, changeRequest? }, in " +
                         "one transaction with one audit entry per key changed. A key with no value in 'from' is a 400 naming it. " +
                         "changeRequest=<title> files it as a change request (201).")
            .Accepts<PromoteInput>("application/json").ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<Ok<CompareResult>> Compare(PromotionService service, string name, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(new CompareResult(await service.CompareAsync(name, from, to, ct)));

    private static async Task<Results<Ok<ChangeSetDiff>, Created<Core.Reviews.ChangeRequestDto>>> Promote(PromotionService service,
        string name, PromoteInput input, HttpContext http, CancellationToken ct) =>
        ChangeRequestsApi.Answer(http, await service.PromoteAsync(name, input, ct));

    public sealed record CompareResult(IReadOnlyList<CompareItem> Items);
}
