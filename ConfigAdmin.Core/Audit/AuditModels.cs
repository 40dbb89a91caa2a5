using System.Text.Json;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Audit;

/// <summary>
/// Filters of the audit log; <c>From</c> inclusive, <c>To</c> exclusive. <c>Application</c> names one application
/// exactly (following renames); <c>ApplicationSearch</c> matches part of a name, as the applications search does.
/// </summary>
public sealed record AuditQuery(
    string? Application = null, string? Key = null, string? Environment = null, string? Actor = null,
    AuditAction? Action = null, AuditEntityType? EntityType = null, DateTime? From = null, DateTime? To = null,
    int Page = 1, int PageSize = PageRequest.DefaultPageSize, string? ApplicationSearch = null) : IPaged;

/// <summary>
/// One audit entry as the API and the UI show it; before/after are embedded JSON. <c>ChangeRequestId</c> names the
/// change request a change was applied from.
/// </summary>
public sealed record AuditEntryDto(
    long Id, DateTime OccurredAt, string Actor, AuditAction Action, AuditEntityType EntityType, string? Application,
    string? Key, string? Environment, JsonElement? Before, JsonElement? After, string CorrelationId, long? ChangeRequestId = null);
