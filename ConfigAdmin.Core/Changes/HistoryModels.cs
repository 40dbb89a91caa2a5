using System.Text.Json.Serialization;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Schemas;
using FluentValidation;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Restore an application to a moment: all environments (keys, defaults, overrides exactly), or only the overrides of
/// some. <c>ChangeRequest</c> (a title) files the restore as a change request instead of applying it.
/// </summary>
public sealed record RestoreInput(string? At, IReadOnlyList<string>? Environments = null, bool DryRun = false, string? ChangeRequest = null);

/// <summary>One revision of a key as admins see it: secret values masked; the schema the key had then.</summary>
public sealed record RevisionDto(
    long Id, DateTime ChangedAt, bool Deleted, string Key, ConfigValueType ValueType, string? DefaultValue, string? Description,
    bool IsSecret, IReadOnlyDictionary<string, string> Overrides, long Version,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Schema = null);

/// <summary>
/// Filters of an application's change list: a key (any name its history had, ignoring case) and an environment whose
/// override the change set, changed or removed.
/// </summary>
public sealed record ChangeQuery(string? Key = null, string? Environment = null, int Page = 1, int PageSize = PageRequest.DefaultPageSize)
    : IPaged;

public sealed class ChangeQueryValidator : AbstractValidator<ChangeQuery>
{
    public ChangeQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Key).MaximumLength(256).Storable();
        RuleFor(q => q.Environment).MaximumLength(50).Storable();
    }
}

/// <summary>
/// One committed change of a key: its state before (null when the change created it) and after, secret values masked.
/// Revert it with <see cref="HistoryService.RevertAsync"/> (<c>ConfigId</c>, <c>After.Id</c>).
/// </summary>
public sealed record KeyChangeDto(Guid ConfigId, RevisionDto? Before, RevisionDto After)
{
    public static class Kinds
    {
        public const string Created = "created", Updated = "updated", Deleted = "deleted", Restored = "restored";
    }

    /// <summary>created, updated, deleted, or restored (a deleted key brought back).</summary>
    public string Kind => After.Deleted ? Kinds.Deleted
        : Before is null ? Kinds.Created
        : Before.Deleted ? Kinds.Restored
        : Kinds.Updated;
}

/// <summary>
/// One key of an environment's resolved configuration at a moment beside now: <c>same</c>, <c>changed</c>, <c>added</c>
/// since, <c>removed</c> since. Values masked when secret (compared in clear); <c>ThenKey</c> is set when the key was
/// renamed since; <c>SchemaChanged</c> when the schema its value must obey is another now.
/// </summary>
public sealed record MomentItem(string Key, string Status, string? Then, string? Now, bool IsSecret, ConfigValueType ValueType,
    string? ThenKey = null, bool SchemaChanged = false)
{
    public static class Statuses
    {
        public const string Same = "same", Changed = "changed", Added = "added", Removed = "removed";
    }
}

/// <summary>A moment in the past, as <c>at=</c> gives it: ISO-8601 with Z or an offset, not in the future.</summary>
public static class Moments
{
    public static DateTime Parse(string? text, TimeProvider time, string field = "at")
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var moment)
            || !HasOffset(text))
            throw ValidatorExtensions.Invalid(field, $"'{field}' must be an ISO-8601 time with Z or an offset, such as 2026-11-26T10:02:00Z.");
        if (moment > time.GetUtcNow()) throw ValidatorExtensions.Invalid(field, $"'{field}' is in the future.");
        return moment.UtcDateTime;
    }

    /// <summary>A time without Z or an offset would be read in the server's zone: refused rather than guessed.</summary>
    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        if (t.EndsWith('Z') || t.EndsWith('z')) return true;
        var time = t.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && (t.IndexOf('+', time) > 0 || t.IndexOf('-', time) > 0);
    }
}
