using System.Text;
using System.Text.Json;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// One page of an application's changes to keys, newest first, with each change's state before: counted and paged in
/// the database, so the History tab reads one page of rows whatever the length of the history.
/// </summary>
internal static class ChangePages
{
    /// <summary>Every change (a baseline is where history starts, not a change): the total and the page's revision ids.</summary>
    public static async Task<(int Total, IReadOnlyList<long> Ids)> AllAsync(IQueryable<ConfigRevision> revisions, IPaged query,
        CancellationToken ct)
    {
        var changes = revisions.Where(r => !r.Baseline);
        var total = await changes.CountAsync(ct);
        var ids = await changes.OrderByDescending(r => r.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(r => r.Id).ToListAsync(ct);
        return (total, ids);
    }

    /// <summary>
    /// The changes that set, changed or removed an environment's override (deleting a key removes its overrides). Each is
    /// told by the revision before it, which the database cannot compare in the stored JSON on both providers: only the
    /// columns the comparison needs are read, and only the environment's value is taken from each revision's overrides.
    /// </summary>
    public static async Task<(int Total, IReadOnlyList<long> Ids)> OfEnvironmentAsync(IQueryable<ConfigRevision> revisions,
        string environment, IPaged query, CancellationToken ct)
    {
        var rows = await revisions.OrderBy(r => r.Id).Select(r => new Row(r.Id, r.ConfigId, r.Deleted, r.Baseline, r.Overrides)).ToListAsync(ct);
        var name = Encoding.UTF8.GetBytes(environment);
        var previous = new Dictionary<Guid, string?>();
        var matching = new List<long>();
        foreach (var row in rows)
        {
            var had = previous.TryGetValue(row.ConfigId, out var was);
            var now = row.Deleted ? null : OverrideIn(row.Overrides, name);
            // Created (nothing before), after a deletion, or changed: the override then and now differ.
            if (!row.Baseline && (row.Deleted ? had && was is not null : was != now)) matching.Add(row.Id);
            previous[row.ConfigId] = now;
        }
        matching.Reverse();
        return (matching.Count, matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList());
    }

    /// <summary>The revisions of the page in its order, each with the revision of its key before it (null: the change created it).</summary>
    public static async Task<IReadOnlyList<(ConfigRevision? Before, ConfigRevision After)>> WithBeforeAsync(IQueryable<ConfigRevision> all,
        IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var befores = await all.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, Before = all.Where(b => b.ConfigId == a.ConfigId && b.Id < a.Id).Max(b => (long?)b.Id) })
            .ToDictionaryAsync(p => p.Id, p => p.Before, ct);
        var wanted = ids.Concat(befores.Values.OfType<long>()).Distinct().ToList();
        var rows = await all.AsNoTracking().Where(r => wanted.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        return ids.Select(id => (befores[id] is { } before ? rows[before] : null, rows[id])).ToList();
    }

    private sealed record Row(long Id, Guid ConfigId, bool Deleted, bool Baseline, string Overrides);

    /// <summary>One environment's value in a revision's overrides (a flat JSON object of strings), without reading the others.</summary>
    private static string? OverrideIn(string overrides, byte[] environment)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(overrides));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(environment);
            reader.Read();
            if (match) return reader.GetString();
        }
        return null;
    }
}
