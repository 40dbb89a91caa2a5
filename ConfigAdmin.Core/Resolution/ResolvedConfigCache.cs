using System.Collections.Concurrent;
using ConfigAdmin.Core.Changes;

namespace ConfigAdmin.Core.Resolution;

/// <summary>
/// Resolved documents by (application id, environment, explain), and application names to ids. Filled by reads,
/// emptied by committed changes. A read may only store what it computed if no change that could affect it was
/// applied since the read began: see docs/decisions/0006-cache-keyed-by-application-id.md.
/// </summary>
public sealed class ResolvedConfigCache
{
    private readonly ConcurrentDictionary<string, Guid> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<CacheKey, ResolvedDocument> _entries = new(CacheKeyComparer.Instance);
    private readonly ConcurrentDictionary<CacheKey, ResolvedDocument> _lastKnownGood = new(CacheKeyComparer.Instance);
    private readonly ConcurrentDictionary<Guid, long> _appGenerations = new();
    private readonly ConcurrentDictionary<(CacheKey, Stamp), Lazy<Task<ResolvedDocument>>> _loads = new();
    private readonly ConcurrentDictionary<string, Guid>.AlternateLookup<ReadOnlySpan<char>> _namesBySpan;
    private readonly ConcurrentDictionary<CacheKey, ResolvedDocument>.AlternateLookup<CacheKeyLookup> _entriesBySpan;
    private readonly Lock _lock = new();
    private long _globalGeneration;
    private long _namesGeneration;

    public ResolvedConfigCache()
    {
        _namesBySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _entriesBySpan = _entries.GetAlternateLookup<CacheKeyLookup>();
    }

    /// <summary>The hot path: the environment as a slice of the request, no allocation.</summary>
    public bool TryGet(CacheKeyLookup key, out ResolvedDocument document) => _entriesBySpan.TryGetValue(key, out document!);

    public bool TryGet(CacheKey key, out ResolvedDocument document) => _entries.TryGetValue(key, out document!);

    /// <summary>The application id a name resolved to last, if no rename or delete since made it doubtful.</summary>
    public bool TryGetId(ReadOnlySpan<char> application, out Guid id) => _namesBySpan.TryGetValue(application, out id);

    /// <summary>The newest document ever resolved for the key, served while the database is unreachable.</summary>
    public bool TryGetLastKnownGood(CacheKey key, out ResolvedDocument document) => _lastKnownGood.TryGetValue(key, out document!);

    /// <summary>Taken before looking a name up in the database; <see cref="RememberName"/> compares it.</summary>
    public long NamesStamp()
    {
        lock (_lock) return _namesGeneration;
    }

    /// <summary>Keeps name → id unless an application was renamed or deleted since <paramref name="stamp"/>.</summary>
    public void RememberName(string application, Guid id, long stamp)
    {
        lock (_lock)
        {
            if (stamp == _namesGeneration) _names[application] = id;
        }
    }

    /// <summary>Taken before reading an application's values; <see cref="Store"/> compares it.</summary>
    public Stamp Begin(Guid application)
    {
        lock (_lock) return new Stamp(_globalGeneration, _appGenerations.GetValueOrDefault(application));
    }

    /// <summary>
    /// One load per key and generation at a time: every reader that missed the same document since the same change
    /// shares it. A change wakes all the long polls on a document at once (10,000 in bench/live.sh), and without this
    /// each of them would resolve it from the database. A reader that began after a later change has another stamp,
    /// so it never joins a load that could predate that change.
    /// </summary>
    public async Task<ResolvedDocument> LoadOnceAsync(CacheKey key, Stamp stamp, Func<Task<ResolvedDocument>> load)
    {
        var flight = _loads.GetOrAdd((key, stamp), static (_, l) => new Lazy<Task<ResolvedDocument>>(l), load);
        try
        {
            return await flight.Value;
        }
        finally
        {
            _loads.TryRemove(KeyValuePair.Create((key, stamp), flight));
        }
    }

    /// <summary>Keeps the document unless a change that could affect it was applied since <paramref name="stamp"/>.</summary>
    public void Store(CacheKey key, ResolvedDocument document, Stamp stamp)
    {
        lock (_lock)
        {
            if (stamp != new Stamp(_globalGeneration, _appGenerations.GetValueOrDefault(key.ApplicationId))) return;
            _entries[key] = document;
            _lastKnownGood[key] = document;
        }
    }

    /// <summary>Forgets whatever <paramref name="change"/> made stale, and stops in-flight reads from storing it.</summary>
    public void Invalidate(ConfigChange change)
    {
        lock (_lock)
        {
            switch (change.Kind)
            {
                case ChangeKind.Values:
                    ForgetDocuments(change.ApplicationId!.Value, lastKnownGoodToo: false);
                    break;
                case ChangeKind.ApplicationRenamed:
                    ForgetNames(change.ApplicationId!.Value);
                    break;
                case ChangeKind.ApplicationDeleted:
                    ForgetNames(change.ApplicationId!.Value);
                    ForgetDocuments(change.ApplicationId!.Value, lastKnownGoodToo: true);
                    break;
                case ChangeKind.EnvironmentDeleted:
                    _globalGeneration++;
                    Remove(_entries, k => change.Environments!.Contains(k.Environment, StringComparer.OrdinalIgnoreCase));
                    Remove(_lastKnownGood, k => change.Environments!.Contains(k.Environment, StringComparer.OrdinalIgnoreCase));
                    break;
            }
        }
    }

    /// <summary>Forgets every document and name (not the last-known-good ones): after a gap in the change record.</summary>
    public void InvalidateEverything()
    {
        lock (_lock)
        {
            _globalGeneration++;
            _namesGeneration++;
            _entries.Clear();
            _names.Clear();
        }
    }

    private void ForgetNames(Guid application)
    {
        _namesGeneration++;
        foreach (var (name, id) in _names)
        {
            if (id == application) _names.TryRemove(name, out _);
        }
    }

    private void ForgetDocuments(Guid application, bool lastKnownGoodToo)
    {
        _appGenerations.AddOrUpdate(application, 1, (_, g) => g + 1);
        Remove(_entries, k => k.ApplicationId == application);
        if (lastKnownGoodToo) Remove(_lastKnownGood, k => k.ApplicationId == application);
    }

    private static void Remove(ConcurrentDictionary<CacheKey, ResolvedDocument> documents, Func<CacheKey, bool> match)
    {
        foreach (var key in documents.Keys)
        {
            if (match(key)) documents.TryRemove(key, out _);
        }
    }

    public readonly record struct Stamp(long Global, long Application);
}
