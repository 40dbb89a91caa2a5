using System.Collections.Concurrent;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// The newest revision of each key of an application up to a moment (without the keys deleted by then): what every
/// point-in-time read, comparison and restore starts from. Kept by the revisions it stands for, so reading the same
/// past again (the History tab, at= reads, a restore's preview and then the restore) costs one small indexed count.
/// </summary>
/// <remarks>
/// Revisions are only ever added, never edited or deleted, so the revisions of an application up to a moment are told
/// apart by their count and their newest id: a revision committed later with an earlier time (a slow transaction) adds
/// one to the count and is a new entry. See docs/decisions/0024-history-paged-and-cached-by-revision.md.
/// </remarks>
public sealed class RevisionsAt
{
    /// <summary>Moments kept: each is one application's keys at one past revision (about 1 MB for 2,000 keys).</summary>
    public const int Capacity = 16;

    private readonly ConcurrentDictionary<Snapshot, Entry> _entries = new();
    private long _uses;

    private readonly record struct Snapshot(Guid Application, long NewestId, int Count);

    private sealed class Entry(IReadOnlyList<ConfigRevision> revisions, long used)
    {
        public IReadOnlyList<ConfigRevision> Revisions { get; } = revisions;
        public long Used = used;
    }

    /// <summary>The moments held now (for tests of the bound).</summary>
    public int Count => _entries.Count;

    public async Task<IReadOnlyList<ConfigRevision>> GetAsync(IConfigAdminDb db, Application app, DateTime moment, CancellationToken ct)
    {
        var start = await db.Revisions.Where(r => r.ApplicationId == app.Id && r.Baseline).MinAsync(r => (DateTime?)r.ChangedAt, ct) ?? app.CreatedAt;
        if (moment < start)
            throw new NotFoundException("Application", app.Name, $"at {moment:O}: its recorded history starts at {start:O}");
        var upTo = db.Revisions.Where(r => r.ApplicationId == app.Id && r.ChangedAt <= moment);
        // One pass over the application's part of the (ApplicationId, ChangedAt) index gives both.
        var seen = await upTo.GroupBy(r => r.ApplicationId).Select(g => new { Count = g.Count(), Newest = g.Max(r => r.Id) }).FirstOrDefaultAsync(ct);
        if (seen is null) return [];
        var snapshot = new Snapshot(app.Id, seen.Newest, seen.Count);
        var use = Interlocked.Increment(ref _uses);
        if (_entries.TryGetValue(snapshot, out var kept))
        {
            kept.Used = use;
            return kept.Revisions;
        }
        var newest = upTo.GroupBy(r => r.ConfigId).Select(g => g.Max(r => r.Id));
        var revisions = await db.Revisions.AsNoTracking().Where(r => newest.Contains(r.Id) && !r.Deleted).ToListAsync(ct);
        _entries[snapshot] = new Entry(revisions, use);
        Trim();
        return revisions;
    }

    /// <summary>Drops the least recently used moments beyond the capacity.</summary>
    private void Trim()
    {
        var excess = _entries.Count - Capacity;
        if (excess <= 0) return;
        foreach (var old in _entries.OrderBy(e => e.Value.Used).Take(excess).ToList()) _entries.TryRemove(old);
    }
}
