using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>Change requests (design §11): file, list, read, review, apply, rebase; the break glass and its acknowledgement.</summary>
public static class ChangeRequestsApi
{
    public static IEndpointRouteBuilder MapChangeRequestsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/change-requests", List).WithTags("Change requests").WithName("ListChangeRequests")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Change requests of the applications you may see, newest first: ?status=&application=&awaiting=me&author=me&forced=unacknowledged.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        var api = routes.MapGroup("/applications/{name}/change-requests").WithTags("Change requests").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", ListOfApplication).WithName("ListApplicationChangeRequests")
            .WithSummary("The application's change requests, newest first (?status=).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", File).WithName("FileChangeRequest")
            .WithSummary("File a change request { title, description, operations: [{ op, key, ... }] } (editor). ops: createKey, updateKey, " +
                         "deleteKey, setOverride, removeOverride, with the direct routes' fields (updateKey takes newKey to rename). " +
                         "Approved at once when it touches no protected environment.")
            .Accepts<ChangeRequestInput>("application/json").ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:long}", Get).WithName("GetChangeRequest")
            .WithSummary("One change request: operations and per-environment diff (secret values ***), approvals, comments, stale keys.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:long}/approve", Approve).WithName("ApproveChangeRequest")
            .WithSummary("Approve { comment? } (editor or admin; never the author; each principal once).")
            .Accepts<ReviewInput>("application/json").ProducesReviewProblems();
        api.MapPost("/{id:long}/reject", Reject).WithName("RejectChangeRequest")
            .WithSummary("Reject { comment? } (editor or admin; the author withdraws instead).")
            .Accepts<ReviewInput>("application/json").ProducesReviewProblems();
        api.MapPost("/{id:long}/comment", Comment).WithName("CommentOnChangeRequest").WithSummary("Comment { text }.")
            .Accepts<CommentInput>("application/json").ProducesReviewProblems();
        api.MapPost("/{id:long}/withdraw", Withdraw).WithName("WithdrawChangeRequest").WithSummary("Withdraw (the author, or an admin).")
            .ProducesReviewProblems();
        api.MapPost("/{id:long}/apply", Apply).WithName("ApplyChangeRequest")
            .WithSummary("Apply an approved request in one transaction (the author or an editor); 409 stale when a touched key changed since " +
                         "it was filed. An admin may break the glass: { force: true, reason } applies without the approvals, audited as forced.")
            .Accepts<ApplyInput>("application/json").ProducesReviewProblems();
        api.MapPost("/{id:long}/rebase", Rebase).WithName("RebaseChangeRequest")
            .WithSummary("Take the current state as the base: the diff is worked out again and approvals start over.")
            .ProducesReviewProblems();
        api.MapPost("/{id:long}/acknowledge", Acknowledge).WithName("AcknowledgeForcedChangeRequest")
            .WithSummary("An admin acknowledges a break-glass apply, which the dashboard shows until then.")
            .ProducesReviewProblems();
        return routes;
    }

    private static RouteHandlerBuilder ProducesReviewProblems(this RouteHandlerBuilder builder) => builder.ProducesWriteProblems()
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<PagedResult<ChangeRequestDto>>> List(ChangeRequestService service, string? status, string? application,
        string? awaiting, string? author, string? forced, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new ChangeRequestQuery(status, application, awaiting, author, forced, page ?? 1,
            pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<PagedResult<ChangeRequestDto>>> ListOfApplication(ChangeRequestService service, string name, string? status,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new ChangeRequestQuery(status, name, Page: page ?? 1, PageSize: pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Created<ChangeRequestDto>> File(ChangeRequestService service, string name, ChangeRequestInput input,
        HttpContext http, CancellationToken ct) =>
        Filed(http, await service.FileAsync(name, input, ct));

    /// <summary>A filed request: 201 with its Location and ETag (what every path that files one answers).</summary>
    public static Created<ChangeRequestDto> Filed(HttpContext http, ChangeRequestDto request)
    {
        http.SetETag(request.Version);
        return TypedResults.Created(Locations.ChangeRequest(request.Application, request.Id), request);
    }

    /// <summary>
    /// What a bulk path (import, restore, promote, revert) answers: its diff, or 201 with the change request it filed
    /// when the caller asked for one with <c>changeRequest</c>.
    /// </summary>
    public static Results<Ok<Core.Changes.ChangeSetDiff>, Created<ChangeRequestDto>> Answer(HttpContext http, Core.Changes.ChangeSetDiff diff) =>
        diff.Filed is { } filed ? Filed(http, filed) : TypedResults.Ok(diff);

    private static async Task<Ok<ChangeRequestDto>> Get(ChangeRequestService service, string name, long id, HttpContext http, CancellationToken ct) =>
        Respond(http, await service.GetAsync(name, id, ct));

    private static async Task<Ok<ChangeRequestDto>> Approve(ChangeRequestService service, string name, long id, ReviewInput? input,
        HttpContext http, CancellationToken ct) =>
        Respond(http, await service.ApproveAsync(name, id, input ?? new ReviewInput(), ct));

    private static async Task<Ok<ChangeRequestDto>> Reject(ChangeRequestService service, string name, long id, ReviewInput? input,
        HttpContext http, CancellationToken ct) =>
        Respond(http, await service.RejectAsync(name, id, input ?? new ReviewInput(), ct));

    private static async Task<Ok<ChangeRequestDto>> Comment(ChangeRequestService service, string name, long id, CommentInput input,
        HttpContext http, CancellationToken ct) =>
        Respond(http, await service.CommentAsync(name, id, input, ct));

    private static async Task<Ok<ChangeRequestDto>> Withdraw(ChangeRequestService service, string name, long id, HttpContext http,
        CancellationToken ct) =>
        Respond(http, await service.WithdrawAsync(name, id, ct));

    private static async Task<Ok<ChangeRequestDto>> Apply(ChangeRequestService service, string name, long id, ApplyInput? input,
        HttpContext http, CancellationToken ct) =>
        Respond(http, await service.ApplyAsync(name, id, input ?? new ApplyInput(), ct));

    private static async Task<Ok<ChangeRequestDto>> Rebase(ChangeRequestService service, string name, long id, HttpContext http,
        CancellationToken ct) =>
        Respond(http, await service.RebaseAsync(name, id, ct));

    private static async Task<Ok<ChangeRequestDto>> Acknowledge(ChangeRequestService service, string name, long id, HttpContext http,
        CancellationToken ct) =>
        Respond(http, await service.AcknowledgeAsync(name, id, ct));

    private static Ok<ChangeRequestDto> Respond(HttpContext http, ChangeRequestDto request)
    {
        http.SetETag(request.Version);
        return TypedResults.Ok(request);
    }
}
