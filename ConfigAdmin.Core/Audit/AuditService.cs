using System.Text.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Audit;

/// <summary>Reads the audit log, newest first. Nothing here (or anywhere) edits it.</summary>
public sealed class AuditService(IConfigAdminDbFactory factory, IValidator<AuditQuery> validator, ChangeContext context)
{
    /// <summary>One page of entries matching every given filter; an application filter follows renames.</summary>
    public async Task<PagedResult<AuditEntryDto>> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        context.Caller.EnsureAdminSurface();
        await validator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var entries = Visible(db.AuditEntries.AsNoTracking());
        if (!string.IsNullOrEmpty(query.Application))
        {
            var normalized = Application.Normalize(query.Application);
            var appId = await db.Applications.Where(a => a.NormalizedName == normalized).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            entries = appId is { } id
                ? entries.Where(e => e.ApplicationId == id)
                : entries.Where(e => e.ApplicationName != null && e.ApplicationName.ToUpper() == normalized);
        }
        if (!string.IsNullOrWhiteSpace(query.ApplicationSearch))
        {
            // Today's names (so renamed applications are found by their new name) and the names at the time (deleted ones).
            var part = query.ApplicationSearch.Trim().ToUpperInvariant();
            var ids = db.Applications.Where(a => a.NormalizedName.Contains(part)).Select(a => (Guid?)a.Id);
            entries = entries.Where(e => ids.Contains(e.ApplicationId) || (e.ApplicationName != null && e.ApplicationName.ToUpper().Contains(part)));
        }
        if (!string.IsNullOrEmpty(query.Key)) entries = entries.Where(e => e.Key != null && e.Key.ToUpper() == query.Key.ToUpperInvariant());
        if (!string.IsNullOrEmpty(query.Environment)) entries = entries.Where(e => e.Environment == query.Environment.ToLowerInvariant());
        if (!string.IsNullOrEmpty(query.Actor)) entries = entries.Where(e => e.Actor == query.Actor);
        if (query.Action is { } action) entries = entries.Where(e => e.Action == action);
        if (query.EntityType is { } type) entries = entries.Where(e => e.EntityType == type);
        if (query.From is { } from) entries = entries.Where(e => e.OccurredAt >= from.ToUniversalTime());
        if (query.To is { } to) entries = entries.Where(e => e.OccurredAt < to.ToUniversalTime());

        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(e => e.Id).PageOf(query).ToListAsync(ct);
        return PagedResult<AuditEntryDto>.Of(page.Select(Dto).ToList(), query, total);
    }

    /// <summary>How many entries of the log the caller may see.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        return await Visible(db.AuditEntries).CountAsync(ct);
    }

    /// <summary>
    /// Admins of every application see everything. Others see their applications' entries and environment changes
    /// (global, and every viewer sees environments); never who changed users or API keys.
    /// </summary>
    private IQueryable<AuditEntry> Visible(IQueryable<AuditEntry> entries)
    {
        var caller = context.Caller;
        if (caller.IsGlobalAdmin) return entries;
        var readable = caller.ReadableApplications();
        return readable is null
            ? entries.Where(e => e.EntityType != AuditEntityType.User && e.EntityType != AuditEntityType.ApiKey)
            : entries.Where(e => e.EntityType == AuditEntityType.Environment
                                 || (e.ApplicationId != null && readable.Contains(e.ApplicationId.Value)));
    }

    private static AuditEntryDto Dto(AuditEntry e) =>
        new(e.Id, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.ApplicationName, e.Key, e.Environment,
            Parse(e.Before), Parse(e.After), e.CorrelationId, e.ChangeRequestId);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    public AuditQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Application).MaximumLength(100).Storable();
        RuleFor(q => q.ApplicationSearch).MaximumLength(100).Storable();
        RuleFor(q => q.Key).MaximumLength(256).Storable();
        RuleFor(q => q.Environment).MaximumLength(50).Storable();
        RuleFor(q => q.Actor).MaximumLength(ChangeContext.MaxActorLength).Storable();
        RuleFor(q => q.Action).IsInEnum();
        RuleFor(q => q.EntityType).IsInEnum();
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'To' must be later than 'From'.");
    }
}
