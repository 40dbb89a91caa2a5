using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>The past: a key's revisions, reverting one change, restoring an application to a moment (editor; dry run first).</summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/configs/{id:guid}/revisions", Revisions).WithTags("History").WithName("ListRevisions")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("A key's revisions (its full state after each change), newest first; secret values show as ***.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/configs/{id:guid}/revisions/{revision:long}/revert", Revert).WithTags("History").WithName("RevertRevision")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Revert one change: the key goes back to its state before that revision (recorded as a new change). " +
                         "dryRun=true only answers what would change; changeRequest=<title> files it as a change request (201).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        routes.MapPost("/applications/{name}/restore", Restore).WithTags("History").WithName("RestoreApplication")
            .RequireAuthorization(Policies.EditApplication)
            .WithSummary("Restore an application to a moment { at, environments?, dryRun, changeRequest? }: without environments keys, " +
                         "defaults and overrides exactly; with them only those environments' overrides. One transaction, recorded as new " +
                         "changes. Answers { added, changed: [{ key, from, to }], unchanged, removed, protectedEnvironments }, or 201 with " +
                         "the change request filed when changeRequest names one.")
            .Accepts<RestoreInput>("application/json").ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<Ok<RevisionList>> Revisions(HistoryService history, Guid id, CancellationToken ct) =>
        TypedResults.Ok(new RevisionList(await history.RevisionsAsync(id, ct)));

    private static async Task<Results<Ok<ChangeSetDiff>, Created<ChangeRequestDto>>> Revert(HistoryService history, Guid id, long revision,
        bool? dryRun, string? changeRequest, HttpContext http, CancellationToken ct) =>
        ChangeRequestsApi.Answer(http, await history.RevertAsync(id, revision, dryRun == true, ct, changeRequest));

    private static async Task<Results<Ok<ChangeSetDiff>, Created<ChangeRequestDto>>> Restore(HistoryService history, string name,
        RestoreInput input, HttpContext http, CancellationToken ct) =>
        ChangeRequestsApi.Answer(http, await history.RestoreAsync(name, input, ct));

    public sealed record RevisionList(IReadOnlyList<RevisionDto> Items);
}
