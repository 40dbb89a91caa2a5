using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Changes;

/// <summary>Restore an application to a moment: all environments (keys, defaults, overrides exactly), or only the overrides of some.</summary>
public sealed record RestoreInput(string? At, IReadOnlyList<string>? Environments = null, bool DryRun = false);

/// <summary>One revision of a key as admins see it: secret values masked.</summary>
public sealed record RevisionDto(
    long Id, DateTime ChangedAt, bool Deleted, string Key, ConfigValueType ValueType, string? DefaultValue, string? Description,
    bool IsSecret, IReadOnlyDictionary<string, string> Overrides, long Version);

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
