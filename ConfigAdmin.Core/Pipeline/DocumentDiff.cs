using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>A key's value in one environment's resolved document, as a diff shows it (secret values as "***").</summary>
public sealed record DocumentValue(string Key, string? Value, ConfigValueType ValueType);

/// <summary>
/// A key whose resolved value, type, secret flag or schema changes in one environment (<c>SchemaChanged</c>: the
/// schema the value must obey is another; the operations show which).
/// </summary>
public sealed record DocumentChange(string Key, string? From, string? To, ConfigValueType FromType, ConfigValueType ToType,
    bool SchemaChanged = false);

/// <summary>What one environment's resolved document gains, changes and loses.</summary>
public sealed record EnvironmentDiff(IReadOnlyList<DocumentValue> Added, IReadOnlyList<DocumentChange> Changed, IReadOnlyList<DocumentValue> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// How a write changes each environment's resolved document: the client's view, which protection and rollouts judge
/// and a change request shows. A value that was secret on either side shows as "***". A key's schema counts as part of
/// its document: it decides what the key may hold there.
/// </summary>
public static class DocumentDiff
{
    /// <summary>The environments whose document changes, each with its diff (environments that stay as they are are left out).</summary>
    public static IReadOnlyDictionary<string, EnvironmentDiff> Of(IEnumerable<KeyStep> steps, IEnumerable<string> environments)
    {
        var list = steps.Where(s => s.Changes).ToList();
        var result = new SortedDictionary<string, EnvironmentDiff>(StringComparer.Ordinal);
        foreach (var env in environments)
        {
            var diff = Of(list, env);
            if (!diff.IsEmpty) result[env] = diff;
        }
        return result;
    }

    /// <summary>Every environment where the application's document is not empty: what a rename moves.</summary>
    public static async Task<IReadOnlyList<string>> NonEmptyAsync(IConfigAdminDb db, Guid application, CancellationToken ct)
    {
        await db.LoadEnvironmentsAsync(ct);
        if (await db.Configs.AnyAsync(c => c.ApplicationId == application && c.DefaultValue != null, ct))
            return db.Tracked<ConfigEnvironment>().Select(e => e.Name).ToList();
        return await db.Overrides.Where(o => o.Config!.ApplicationId == application).Select(o => o.Environment!.Name).Distinct().ToListAsync(ct);
    }

    private static EnvironmentDiff Of(IReadOnlyList<KeyStep> steps, string env)
    {
        var added = new List<DocumentValue>();
        var changed = new List<DocumentChange>();
        var removed = new List<DocumentValue>();
        foreach (var step in steps)
        {
            var (now, target) = (step.Now, step.Target);
            var secret = (now?.IsSecret ?? false) || (target?.IsSecret ?? false);
            string? Show(string? value) => secret && value is not null ? SecretMask.Text : value;
            var was = now?.ResolvedIn(env);
            var @is = target?.ResolvedIn(env);
            if (was is not null && (@is is null || now!.Key != target!.Key)) removed.Add(new DocumentValue(now!.Key, Show(was), now.ValueType));
            if (@is is not null && (was is null || now!.Key != target!.Key)) added.Add(new DocumentValue(target!.Key, Show(@is), target.ValueType));
            else if (was is not null && @is is not null
                     && (was != @is || now!.ValueType != target!.ValueType || now.IsSecret != target.IsSecret || now.Schema != target.Schema))
                changed.Add(new DocumentChange(target!.Key, Show(was), Show(@is), now!.ValueType, target.ValueType, now.Schema != target.Schema));
        }
        return new EnvironmentDiff(
            added.OrderBy(v => v.Key, StringComparer.Ordinal).ToList(),
            changed.OrderBy(v => v.Key, StringComparer.Ordinal).ToList(),
            removed.OrderBy(v => v.Key, StringComparer.Ordinal).ToList());
    }
}
