using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Reviews;

/// <summary>
/// Files a planned change as a change request: its operations (sealed, and masked for reviewers), the revision each
/// touched key is at, the diff per environment and the protected environments it touches. Rebasing fills the same
/// fields again from the current state.
/// </summary>
public sealed class RequestFiler(ChangeContext context, SecretValues secrets, ReviewAudit audit, ChangeFeed changes, TimeProvider time)
{
    public const int MaxTitleLength = 200, MaxDescriptionLength = 4000;

    public async Task<ChangeRequest> FileAsync(IConfigAdminDb db, ChangeSet set, WriteResult assessed, string title, string? description,
        CancellationToken ct)
    {
        title = title.Trim();
        if (title.Length is 0 or > MaxTitleLength || !TextRules.IsStorable(title))
            throw ValidatorExtensions.Invalid("title", $"A change request needs a title of 1-{MaxTitleLength} characters.");
        if (description is { Length: > MaxDescriptionLength } || !TextRules.IsStorable(description))
            throw ValidatorExtensions.Invalid("description", $"'Description' must be at most {MaxDescriptionLength} characters.");
        var request = new ChangeRequest
        {
            ApplicationId = set.App.Id, Application = set.App, Title = title, Description = Writes.EmptyToNull(description?.Trim()),
            Author = context.Actor, AuthorPrincipal = context.Caller.Principal,
        };
        Writes.Stamp(request, time);
        await FillAsync(db, request, set, assessed, ct);
        await changes.CommitInTransactionAsync(db, ConfigChange.Reviews(set.App.Id), async () =>
        {
            db.ChangeRequests.Add(request);
            await db.SaveChangesAsync(ct);
            audit.Record(db, request, AuditAction.Created);
        }, ct);
        return request;
    }

    /// <summary>
    /// Takes <paramref name="set"/> (planned on the current state) as the request's content and base; approvals
    /// no longer count once the content may differ from what was approved. Approved at once when nothing it touches is
    /// protected.
    /// </summary>
    public async Task FillAsync(IConfigAdminDb db, ChangeRequest request, ChangeSet set, WriteResult assessed, CancellationToken ct)
    {
        var operations = set.Operations ?? OperationsOfSteps.Of(set.Steps);
        request.Operations = secrets.Seal(true, ReviewJson.Write(operations))!;
        request.OperationsShown = ReviewJson.Write(operations.Select(op => IsSecret(set, op) ? op.Masked() : op));
        request.Diff = ReviewJson.Write(assessed.Documents);
        request.ProtectedEnvironments = string.Join(',', assessed.ProtectedEnvironments);
        await db.LoadEnvironmentsAsync(ct);
        request.RequiredApprovals = db.LoadedEnvironmentsNamed(assessed.ProtectedEnvironments)
            .Select(e => e.RequiredApprovals).DefaultIfEmpty(0).Max();
        request.Base = ReviewJson.Write(await BaseOfAsync(db, set, ct));
        request.Approvals.Clear();
        request.Status = request.RequiredApprovals == 0 ? ChangeRequestStatus.Approved : ChangeRequestStatus.Open;
    }

    /// <summary>The operations the request holds, in clear.</summary>
    public IReadOnlyList<ChangeOperation> OperationsOf(ChangeRequest request) =>
        ReviewJson.Read<List<ChangeOperation>>(secrets.Open(true, request.Operations)!);

    /// <summary>The keys it touches whose state moved since its base: a new revision, or a key now where none was.</summary>
    public static async Task<IReadOnlyList<string>> StaleKeysAsync(IConfigAdminDb db, ChangeRequest request, CancellationToken ct)
    {
        var keys = ReviewJson.Read<List<BaseKey>>(request.Base);
        var ids = keys.Where(k => k.Id is not null).Select(k => k.Id!.Value).ToList();
        var latest = await LatestRevisionsAsync(db, ids, ct);
        var created = keys.Where(k => k.Id is null).Select(k => k.Key.ToUpperInvariant()).ToList();
        var taken = created.Count == 0 ? [] : await db.Configs.AsNoTracking()
            .Where(c => c.ApplicationId == request.ApplicationId && created.Contains(c.NormalizedKey)).Select(c => c.NormalizedKey).ToListAsync(ct);
        return keys.Where(k => k.Id is { } id ? latest.GetValueOrDefault(id) != k.Revision : taken.Contains(k.Key.ToUpperInvariant()))
            .Select(k => k.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<BaseKey>> BaseOfAsync(IConfigAdminDb db, ChangeSet set, CancellationToken ct)
    {
        var steps = set.Changing.ToList();
        var latest = await LatestRevisionsAsync(db, steps.Where(s => s.Now is not null).Select(s => s.Now!.Id).ToList(), ct);
        return steps.Select(s => s.Now is null
                ? new BaseKey(s.Target!.Key, null, null)
                : new BaseKey(s.Now.Key, s.Now.Id, latest.GetValueOrDefault(s.Now.Id)))
            .ToList();
    }

    private static async Task<Dictionary<Guid, long?>> LatestRevisionsAsync(IConfigAdminDb db, List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.ConfigId))
            .GroupBy(r => r.ConfigId).Select(g => new { g.Key, Latest = g.Max(r => r.Id) })
            .ToDictionaryAsync(x => x.Key, x => (long?)x.Latest, ct);

    private static bool IsSecret(ChangeSet set, ChangeOperation op)
    {
        if (op.IsSecret == true) return true;
        var step = op.Id is { } id ? set.StepOf(id) : set.Steps.FirstOrDefault(s =>
            string.Equals(s.Now?.Key, op.Key, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Target?.Key, op.Key, StringComparison.OrdinalIgnoreCase));
        return (step?.Now?.IsSecret ?? false) || (step?.Target?.IsSecret ?? false);
    }
}
