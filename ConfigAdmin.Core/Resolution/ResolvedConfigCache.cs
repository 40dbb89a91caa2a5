using System.Collections.Concurrent;

namespace ConfigAdmin.Core.Resolution;

/// <summary>
/// Resolved documents by (application, environment, explain), filled by reads and emptied by writes after they
/// commit. A read may only store what it computed if no write to that application (or to any environment)
/// committed since the read began: see docs/decisions/0004-resolved-config-cache.md.
/// </summary>
public sealed class ResolvedConfigCache
{
    private readonly ConcurrentDictionary<CacheKey, ResolvedDocument> _entries = new();
    private readonly ConcurrentDictionary<CacheKey, ResolvedDocument> _lastKnownGood = new();
    private readonly ConcurrentDictionary<string, long> _appGenerations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _globalGeneration;

    public bool TryGet(CacheKey key, out ResolvedDocument document) => _entries.TryGetValue(key, out document!);

    /// <summary>The newest document ever resolved for the key, served while the database is unreachable.</summary>
    public bool TryGetLastKnownGood(CacheKey key, out ResolvedDocument document) =>
        _lastKnownGood.TryGetValue(key, out document!);

    /// <summary>Taken before reading the database; <see cref="Store"/> compares it.</summary>
    public Stamp Begin(string normalizedApplication)
    {
        lock (_lock)
        {
            return new Stamp(_globalGeneration, _appGenerations.GetValueOrDefault(normalizedApplication));
        }
    }

    /// <summary>Keeps the document unless a write committed since <paramref name="stamp"/> was taken.</summary>
    public void Store(CacheKey key, ResolvedDocument document, Stamp stamp)
    {
        lock (_lock)
        {
            if (stamp != new Stamp(_globalGeneration, _appGenerations.GetValueOrDefault(key.Application))) return;
            _entries[key] = document;
            _lastKnownGood[key] = document;
        }
    }

    /// <summary>Called after a write to one application's keys or details committed.</summary>
    public void InvalidateApplication(string normalizedApplication)
    {
        lock (_lock)
        {
            _appGenerations.AddOrUpdate(normalizedApplication, 1, (_, g) => g + 1);
            foreach (var key in _entries.Keys)
            {
                if (key.Application == normalizedApplication) _entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Called after a write that can change every application's resolution (an environment change).</summary>
    public void InvalidateAll()
    {
        lock (_lock)
        {
            _globalGeneration++;
            _entries.Clear();
        }
    }

    /// <summary>Forgets an application's last-known-good documents too: it was deleted or renamed.</summary>
    public void Forget(string normalizedApplication)
    {
        InvalidateApplication(normalizedApplication);
        foreach (var key in _lastKnownGood.Keys)
        {
            if (key.Application == normalizedApplication) _lastKnownGood.TryRemove(key, out _);
        }
    }

    public readonly record struct Stamp(long Global, long Application);
}

/// <summary>Which resolved document: application (normalized name), environment and whether it explains sources.</summary>
public readonly record struct CacheKey(string Application, string Environment, bool Explain);
