using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// What happened to a key since the user loaded it: its current version, whether any change touched what the user
/// edits (one environment's override, or the key's own fields), and the audit entries that say who changed what.
/// </summary>
public sealed record ConflictReport(ConfigDto Current, bool TouchesEdit, IReadOnlyList<AuditEntryDto> Changes);

/// <summary>
/// Whether a write based on an older version of a key collides with what changed since (a domain rule: the dialogs
/// ask it before they offer to overwrite). A key's version moves with every change to it, its overrides included. A
/// stale version alone is no conflict: two admins editing different environments of one key must both succeed. The
/// key's revisions tell what each change did.
/// </summary>
public sealed class ConflictCheck(ConfigService configs, HistoryService history, AuditService audit)
{
    private const int Window = 100;

    /// <param name="loaded">The key as the user loaded it.</param>
    /// <param name="environment">The environment whose override the user edits; null for the key's own fields.</param>
    public async Task<ConflictReport> InspectAsync(ConfigDto loaded, string? environment, CancellationToken ct = default)
    {
        var current = await configs.GetAsync(loaded.Id, ct);
        var since = await ChangesSinceAsync(loaded, null, ct);
        // Every version since the loaded one must be a known revision; anything unaccounted for counts as a conflict.
        var accounted = since.Select(c => c.After.Version).SequenceEqual(Versions(loaded.Version, current.Version));
        var touches = !accounted || (environment is null
            ? since.Any(KeyFieldsChanged)
            : since.Any(ShapeChanged) || (await ChangesSinceAsync(loaded, environment, ct)).Count > 0);
        var cutoff = accounted && since.FirstOrDefault()?.Before is { } before ? before.ChangedAt : loaded.UpdatedAt;
        return new ConflictReport(current, touches, await EntriesAfterAsync(loaded, current, cutoff, ct));
    }

    /// <summary>The key's changes after the loaded version, oldest first; with an environment, those that set its override.</summary>
    private async Task<List<KeyChangeDto>> ChangesSinceAsync(ConfigDto loaded, string? environment, CancellationToken ct)
    {
        var page = await history.ChangesAsync(loaded.Application, new ChangeQuery(loaded.Key, environment, 1, Window), ct);
        return page.Items.Where(c => c.ConfigId == loaded.Id && c.After.Version > loaded.Version)
            .OrderBy(c => c.After.Version).ToList();
    }

    private static IEnumerable<long> Versions(long loaded, long current)
    {
        for (var v = loaded + 1; v <= current; v++) yield return v;
    }

    /// <summary>A change every edit must see: the key deleted, retyped, or made secret or public.</summary>
    private static bool ShapeChanged(KeyChangeDto change) =>
        change.Before is not { } b || change.After.Deleted || b.ValueType != change.After.ValueType || b.IsSecret != change.After.IsSecret;

    /// <summary>
    /// A change to the key's own fields. A secret key's values are masked in its revisions, so a change that shows no
    /// difference at all might be its default: counted as touching the key's fields.
    /// </summary>
    private static bool KeyFieldsChanged(KeyChangeDto change)
    {
        if (ShapeChanged(change)) return true;
        var (b, a) = (change.Before!, change.After);
        if (b.Key != a.Key || b.DefaultValue != a.DefaultValue || b.Description != a.Description) return true;
        return a.IsSecret && SameOverrides(b.Overrides, a.Overrides);
    }

    private static bool SameOverrides(IReadOnlyDictionary<string, string> x, IReadOnlyDictionary<string, string> y) =>
        x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>The audit entries of the key written after the loaded version's revision, newest first.</summary>
    private async Task<IReadOnlyList<AuditEntryDto>> EntriesAfterAsync(ConfigDto loaded, ConfigDto current, DateTime cutoff,
        CancellationToken ct)
    {
        var page = await audit.QueryAsync(new AuditQuery(Application: loaded.Application, From: DateTime.SpecifyKind(cutoff, DateTimeKind.Utc), PageSize: Window), ct);
        return page.Items
            .Where(e => e.OccurredAt > cutoff && e.Action != AuditAction.Revealed
                && (string.Equals(e.Key, loaded.Key, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(e.Key, current.Key, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}
