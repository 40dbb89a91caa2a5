using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Reviews;

/// <summary>
/// Change requests (design §11): filed through the write pipeline (so they are authorized and validated like any
/// write), reviewed by other principals, applied through the pipeline again with their approvals standing in for the
/// protection guard.
/// </summary>
public sealed class ChangeRequestService(
    IConfigAdminDbFactory factory,
    ChangeContext context,
    WritePipeline pipeline,
    OperationPlanner planner,
    RequestFiler filer,
    ReviewAudit audit,
    ChangeFeed changes,
    IValidator<ChangeRequestQuery> queryValidator,
    IValidator<Rollouts.RolloutInput> rolloutValidator,
    TimeProvider time)
{
    public const int MaxOperations = 2000, MinForceReason = 10, MaxCommentLength = 4000;

    private Caller Caller => context.Caller;

    /// <summary>Files a request from operations (editor); approved at once when it touches nothing protected.</summary>
    public async Task<ChangeRequestDto> FileAsync(string application, ChangeRequestInput input, CancellationToken ct = default)
    {
        var operations = input.Operations ?? [];
        var result = await pipeline.RunAsync(new WriteRequest(null, WriteMode.File) { RequestTitle = input.Title ?? "", RequestDescription = input.Description },
            async db =>
            {
                var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
                if (operations.Count == 0) throw ValidatorExtensions.Invalid("operations", "A change request needs at least one operation.");
                if (operations.Count > MaxOperations)
                    throw ValidatorExtensions.Invalid("operations", $"A change request holds at most {MaxOperations} operations.");
                return await planner.PlanAsync(db, app, operations, ct, i => $"operations[{i}].");
            }, ct);
        return Dto(result.Filed!, []);
    }

    /// <summary>One request of an application the caller may see.</summary>
    public async Task<ChangeRequestDto> GetAsync(string application, long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        var request = await Requests(db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ApplicationId == app.Id, ct)
                      ?? throw new NotFoundException("Change request", id.ToString());
        var rollout = await db.Rollouts.AsNoTracking().Where(r => r.ChangeRequestId == id).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status }).FirstOrDefaultAsync(ct);
        return ChangeRequestDto.Of(request, await StaleKeysAsync(db, request, ct), rollout is null ? null : Summary(rollout.Id, rollout.Status));
    }

    /// <summary>Requests of the applications the caller may see, newest first.</summary>
    public async Task<PagedResult<ChangeRequestDto>> ListAsync(ChangeRequestQuery query, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await queryValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var requests = Requests(db).AsNoTracking();
        if (!string.IsNullOrEmpty(query.Application))
        {
            var app = await db.FindApplicationAsync(query.Application, Caller, AppPermission.Read, ct);
            requests = requests.Where(r => r.ApplicationId == app.Id);
        }
        else if (Caller.ReadableApplications() is { } readable) requests = requests.Where(r => readable.Contains(r.ApplicationId));
        if (query.Status is { } text)
        {
            var statuses = ChangeRequestQuery.Statuses(text)!;
            requests = requests.Where(r => statuses.Contains(r.Status));
        }
        var me = Caller.Principal;
        if (query.Awaiting == "me")
        {
            requests = requests.Where(r => r.Status == ChangeRequestStatus.Open && r.AuthorPrincipal != me && !r.Approvals.Any(a => a.Principal == me));
            if (Caller.EditableApplications() is { } editable) requests = requests.Where(r => editable.Contains(r.ApplicationId));
        }
        if (query.Author == "me") requests = requests.Where(r => r.AuthorPrincipal == me);
        if (query.Forced == "unacknowledged") requests = requests.Where(r => r.ForcedReason != null && r.AcknowledgedAt == null);
        var total = await requests.CountAsync(ct);
        var page = await requests.OrderByDescending(r => r.Id).PageOf(query).ToListAsync(ct);
        var items = new List<ChangeRequestDto>();
        foreach (var request in page) items.Add(Dto(request, await StaleKeysAsync(db, request, ct)));
        return PagedResult<ChangeRequestDto>.Of(items, query, total);
    }

    /// <summary>Approves (editor or admin on the application; never the author; each principal once).</summary>
    public Task<ChangeRequestDto> ApproveAsync(string application, long id, ReviewInput input, CancellationToken ct = default) =>
        ReviewAsync(application, id, (db, request) =>
        {
            Caller.Ensure(AppPermission.Edit, request.Application!, application);
            EnsureOpen(request);
            if (request.AuthorPrincipal == Caller.Principal)
                throw new ForbiddenException("Nobody approves their own change request: ask another editor or admin.", ErrorCodes.OwnRequest);
            if (request.Approvals.Any(a => a.Principal == Caller.Principal)) return false;
            request.Approvals.Add(new ChangeRequestApproval
            {
                Principal = Caller.Principal, By = Caller.Actor, At = Now, Comment = Comment(input.Comment),
            });
            if (request.Approvals.Count >= request.RequiredApprovals) request.Status = ChangeRequestStatus.Approved;
            audit.Record(db, request, AuditAction.Approved, new { comment = input.Comment });
            return true;
        }, ct);

    /// <summary>Rejects it for good (editor or admin; the author withdraws instead).</summary>
    public Task<ChangeRequestDto> RejectAsync(string application, long id, ReviewInput input, CancellationToken ct = default) =>
        ReviewAsync(application, id, (db, request) =>
        {
            Caller.Ensure(AppPermission.Edit, request.Application!, application);
            EnsureOpen(request);
            if (request.AuthorPrincipal == Caller.Principal)
                throw new ForbiddenException("Withdraw your own change request instead of rejecting it.", ErrorCodes.OwnRequest);
            Close(request, ChangeRequestStatus.Rejected);
            if (Comment(input.Comment) is { } text) AddComment(request, text);
            audit.Record(db, request, AuditAction.Rejected, new { comment = input.Comment });
            return true;
        }, ct);

    /// <summary>Adds a comment (anyone who may see the application).</summary>
    public Task<ChangeRequestDto> CommentAsync(string application, long id, CommentInput input, CancellationToken ct = default) =>
        ReviewAsync(application, id, (_, request) =>
        {
            Caller.EnsureAdminSurface();
            AddComment(request, Comment(input.Text) ?? throw ValidatorExtensions.Invalid("text", "A comment needs some text."));
            return true;
        }, ct);

    /// <summary>Withdraws it (its author, or an admin of the application).</summary>
    public Task<ChangeRequestDto> WithdrawAsync(string application, long id, CancellationToken ct = default) =>
        ReviewAsync(application, id, (db, request) =>
        {
            if (request.AuthorPrincipal != Caller.Principal) Caller.Ensure(AppPermission.Administer, request.Application!, application);
            EnsureOpen(request);
            Close(request, ChangeRequestStatus.Withdrawn);
            audit.Record(db, request, AuditAction.Withdrawn);
            return true;
        }, ct);

    /// <summary>An admin notes a break-glass apply, which the dashboard shows until then.</summary>
    public Task<ChangeRequestDto> AcknowledgeAsync(string application, long id, CancellationToken ct = default) =>
        ReviewAsync(application, id, (db, request) =>
        {
            Caller.Ensure(AppPermission.Administer, request.Application!, application);
            if (request.ForcedReason is null)
                throw new ConflictException(ErrorCodes.RequestClosed, "Only a request applied by break glass is acknowledged.");
            if (request.AcknowledgedAt is not null) return false;
            request.AcknowledgedAt = Now;
            request.AcknowledgedBy = Caller.Actor;
            audit.Record(db, request, AuditAction.Acknowledged);
            return true;
        }, ct);

    /// <summary>
    /// Applies an approved request in one transaction through the write pipeline (every operation validated again).
    /// Stale when a key it touches changed since its base; <c>force</c> lets an admin apply without the approvals.
    /// </summary>
    public async Task<ChangeRequestDto> ApplyAsync(string application, long id, ApplyInput input, CancellationToken ct = default)
    {
        var reason = input.Force ? input.Reason?.Trim() : null;
        if (input.Force && (reason is null || reason.Length < MinForceReason || !TextRules.IsStorable(reason)))
            throw ValidatorExtensions.Invalid("reason", $"Breaking the glass needs a reason of at least {MinForceReason} characters.");
        if (input.Rollout is { } rollout)
        {
            var checkedRollout = await rolloutValidator.ValidateAsync(rollout, ct);
            if (!checkedRollout.IsValid)
                throw new ValidationException(checkedRollout.Errors.Select(e => new FluentValidation.Results.ValidationFailure("rollout." + e.PropertyName, e.ErrorMessage)));
        }
        var result = await pipeline.RunAsync(WriteRequest.Direct with { StartsRollout = input.Rollout }, async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
            var request = await LoadAsync(db, app, id, ct);
            if (request.IsClosed)
                throw new ConflictException(ErrorCodes.RequestClosed, request.Status == ChangeRequestStatus.RolledBack
                    ? "This request was rolled back; rebase it to apply it again."
                    : $"This request is {Word(request.Status)}; it cannot be applied.");
            if (input.Force) Caller.Ensure(AppPermission.Administer, app, application);
            if (await RequestFiler.StaleKeysAsync(db, request, ct) is { Count: > 0 } stale)
            {
                await ThrowIfAppliedMeanwhileAsync(db, id, ct);
                throw new StaleRequestException(stale);
            }
            ChangeSet set;
            try
            {
                set = await planner.PlanAsync(db, app, filer.OperationsOf(request), ct, i => $"operations[{i}].");
            }
            catch (DomainException)
            {
                // The winner of two applies may commit between the stale check and the plan: its new keys then exist.
                await ThrowIfAppliedMeanwhileAsync(db, id, ct);
                throw;
            }
            set.Applying = new ApplyingRequest(request, reason);
            return set;
        }, ct);
        var applied = result.Set.Applying!.Request;
        return ChangeRequestDto.Of(applied, [], result.Started is { } started ? Summary(started.Id, started.Status) : null);
    }

    /// <summary>Another apply of this request committed since it was read here: what moved, moved because of it.</summary>
    private static async Task ThrowIfAppliedMeanwhileAsync(IConfigAdminDb db, long id, CancellationToken ct)
    {
        if (await db.ChangeRequests.AsNoTracking().AnyAsync(r => r.Id == id && r.Status == ChangeRequestStatus.Applied, ct))
            throw new ConflictException(ErrorCodes.RequestClosed, "This request is applied; it cannot be applied.");
    }

    private static RolloutSummary Summary(long id, Rollouts.RolloutStatus status) => new(id, status, $"/v1/rollouts/{id}");

    /// <summary>Takes the current state as the request's base: the diff is worked out again and approvals start over.</summary>
    public Task<ChangeRequestDto> RebaseAsync(string application, long id, CancellationToken ct = default) =>
        ReviewAsync(application, id, async (db, request) =>
        {
            Caller.Ensure(AppPermission.Edit, request.Application!, application);
            if (request.Status is ChangeRequestStatus.Applied or ChangeRequestStatus.Rejected or ChangeRequestStatus.Withdrawn)
                throw new ConflictException(ErrorCodes.RequestClosed, $"This request is {Word(request.Status)}; only an open, approved or rolled-back request is rebased.");
            var set = await planner.PlanAsync(db, request.Application!, filer.OperationsOf(request), ct, i => $"operations[{i}].");
            await filer.FillAsync(db, request, set, await pipeline.AssessAsync(db, set, ct), ct);
            audit.Record(db, request, AuditAction.Updated, new { rebased = true });
            return true;
        }, ct);

    private Task<ChangeRequestDto> ReviewAsync(string application, long id, Func<IConfigAdminDb, ChangeRequest, bool> change, CancellationToken ct) =>
        ReviewAsync(application, id, (db, request) => Task.FromResult(change(db, request)), ct);

    /// <summary>
    /// One state change of a request in its own unit of work. Every change bumps the request's version, so two reviewers
    /// at once never both miss the other's approval: the later one retries on fresh state.
    /// </summary>
    private async Task<ChangeRequestDto> ReviewAsync(string application, long id, Func<IConfigAdminDb, ChangeRequest, Task<bool>> change,
        CancellationToken ct)
    {
        var request = await Writes.RunAsync(factory, null, async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
            var request = await LoadAsync(db, app, id, ct);
            if (!await change(db, request)) return request;
            Writes.Touch(request, time);
            await changes.CommitAsync(db, ConfigChange.Reviews(app.Id), ct);
            return request;
        }, ct);
        await using var read = await factory.CreateAsync(ct);
        return Dto(request, await StaleKeysAsync(read, request, ct));
    }

    private static IQueryable<ChangeRequest> Requests(IConfigAdminDb db) =>
        db.ChangeRequests.Include(r => r.Application).Include(r => r.Approvals).Include(r => r.Comments);

    private static async Task<ChangeRequest> LoadAsync(IConfigAdminDb db, Application app, long id, CancellationToken ct) =>
        await Requests(db).FirstOrDefaultAsync(r => r.Id == id && r.ApplicationId == app.Id, ct)
        ?? throw new NotFoundException("Change request", id.ToString());

    private static async Task<IReadOnlyList<string>> StaleKeysAsync(IConfigAdminDb db, ChangeRequest request, CancellationToken ct) =>
        request.Status is ChangeRequestStatus.Open or ChangeRequestStatus.Approved or ChangeRequestStatus.RolledBack
            ? await RequestFiler.StaleKeysAsync(db, request, ct) : [];

    private static void EnsureOpen(ChangeRequest request)
    {
        if (request.Status is not (ChangeRequestStatus.Open or ChangeRequestStatus.Approved))
            throw new ConflictException(ErrorCodes.RequestClosed, $"This request is {Word(request.Status)}.");
    }

    private void Close(ChangeRequest request, ChangeRequestStatus status)
    {
        request.Status = status;
        request.ClosedAt = Now;
        request.ClosedBy = Caller.Actor;
    }

    private void AddComment(ChangeRequest request, string text) =>
        request.Comments.Add(new ChangeRequestComment { By = Caller.Actor, At = Now, Text = text });

    private static string? Comment(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxCommentLength || !TextRules.IsStorable(trimmed))
            throw ValidatorExtensions.Invalid("comment", $"A comment is at most {MaxCommentLength} characters.");
        return trimmed;
    }

    private static string Word(ChangeRequestStatus status) => status switch
    {
        ChangeRequestStatus.RolledBack => "rolled back",
        _ => status.ToString().ToLowerInvariant(),
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static ChangeRequestDto Dto(ChangeRequest r, IReadOnlyList<string> staleKeys) => ChangeRequestDto.Of(r, staleKeys);
}
