using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Pipeline;
using FluentValidation;

namespace ConfigAdmin.Core.Reviews;

/// <summary>A new change request: a title, why, and the operations on the application's keys.</summary>
public sealed record ChangeRequestInput(string? Title, string? Description, IReadOnlyList<ChangeOperation>? Operations);

/// <summary>An approval or rejection, optionally with a comment.</summary>
public sealed record ReviewInput(string? Comment = null);

public sealed record CommentInput(string? Text);

/// <summary>
/// Apply; <c>force</c> with a <c>reason</c> (at least 10 characters) lets an admin apply without the approvals (break
/// glass); <c>rollout</c> applies it gradually instead of at once (design §14).
/// </summary>
public sealed record ApplyInput(bool Force = false, string? Reason = null, Rollouts.RolloutInput? Rollout = null);

/// <summary>The rollout that applies (or applied) a request: where to follow it.</summary>
public sealed record RolloutSummary(long Id, Rollouts.RolloutStatus Status, string Url);

/// <summary>
/// Filters of the change-request list: a status (or several, comma-separated), an application, <c>awaiting=me</c> (open requests the caller may approve
/// and has not) and <c>author=me</c>; <c>forced=unacknowledged</c> lists break-glass applies no admin has acknowledged.
/// </summary>
public sealed record ChangeRequestQuery(
    string? Status = null, string? Application = null, string? Awaiting = null, string? Author = null, string? Forced = null,
    int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged
{
    /// <summary>The statuses of <c>status=open,approved</c>; null when one of them is no status.</summary>
    public static IReadOnlyList<ChangeRequestStatus>? Statuses(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        var statuses = names.Select(EnumNames.Parse<ChangeRequestStatus>).ToList();
        return statuses.All(s => s is not null) ? statuses.Select(s => s!.Value).Distinct().ToList() : null;
    }
}

public sealed record ApprovalDto(string By, DateTime At, string? Comment);

public sealed record CommentDto(string By, DateTime At, string Text);

/// <summary>A break-glass apply: why, and whether an admin has acknowledged it.</summary>
public sealed record ForcedDto(string Reason, string By, DateTime At, DateTime? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>A change request as reviewers see it (secret values "***"); <c>stale</c> names the keys changed since its base.</summary>
public sealed record ChangeRequestDto(
    long Id, string Application, string Title, string? Description, ChangeRequestStatus Status, string Author, DateTime CreatedAt,
    DateTime UpdatedAt, long Version, IReadOnlyList<ChangeOperation> Operations, IReadOnlyDictionary<string, EnvironmentDiff> Diff,
    IReadOnlyList<string> ProtectedEnvironments, int RequiredApprovals, IReadOnlyList<ApprovalDto> Approvals,
    IReadOnlyList<CommentDto> Comments, DateTime? AppliedAt, string? AppliedBy, DateTime? ClosedAt, string? ClosedBy,
    IReadOnlyList<string> StaleKeys, ForcedDto? Forced, RolloutSummary? Rollout = null)
{
    public bool Stale => StaleKeys.Count > 0;

    public static ChangeRequestDto Of(ChangeRequest r, IReadOnlyList<string> staleKeys, RolloutSummary? rollout = null) => new(
        r.Id, r.Application!.Name, r.Title, r.Description, r.Status, r.Author, r.CreatedAt, r.UpdatedAt, r.Version,
        ReviewJson.Read<List<ChangeOperation>>(r.OperationsShown),
        ReviewJson.Read<Dictionary<string, EnvironmentDiff>>(r.Diff),
        r.ProtectedEnvironmentNames(), r.RequiredApprovals,
        r.Approvals.OrderBy(a => a.At).Select(a => new ApprovalDto(a.By, a.At, a.Comment)).ToList(),
        r.Comments.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => new CommentDto(c.By, c.At, c.Text)).ToList(),
        r.AppliedAt, r.AppliedBy, r.ClosedAt, r.ClosedBy, staleKeys,
        r.ForcedReason is null ? null : new ForcedDto(r.ForcedReason, r.AppliedBy!, r.AppliedAt!.Value, r.AcknowledgedAt, r.AcknowledgedBy),
        rollout);
}

public sealed class ChangeRequestQueryValidator : AbstractValidator<ChangeRequestQuery>
{
    public ChangeRequestQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Status).Must(s => s is null || ChangeRequestQuery.Statuses(s) is not null)
            .WithMessage("'status' must be open, approved, applied, rejected, withdrawn or rolledBack, or several of them separated by commas.");
        RuleFor(q => q.Awaiting).Must(a => a is null || a == "me").WithMessage("'awaiting' may only be 'me'.");
        RuleFor(q => q.Author).Must(a => a is null || a == "me").WithMessage("'author' may only be 'me'.");
        RuleFor(q => q.Forced).Must(f => f is null || f == "unacknowledged").WithMessage("'forced' may only be 'unacknowledged'.");
        RuleFor(q => q.Application).MaximumLength(100).Storable();
    }
}
