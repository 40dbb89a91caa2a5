using System.Collections.Concurrent;
using System.Text.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// The running rollouts of every application, in memory, so the read path decides base or target without the
/// database: an instance (the id in its <c>ConfigAdmin-Client</c> header) gets the target when it is a canary or its
/// cohort place falls inside the stage's percentage; everyone else, and any read without an instance id, the base.
/// With no rollout running anywhere the read pays one empty-dictionary check. Reloaded on every rollout change, on
/// every node (ChangeFeed); what it served is noted and written in batches (<see cref="PendingServed"/>).
/// </summary>
public sealed class RolloutRegistry(IConfigAdminDbFactory factory, ResolutionService resolution)
{
    private volatile IReadOnlyDictionary<(Guid Application, string Environment), Running> _running =
        new Dictionary<(Guid, string), Running>();

    private readonly ConcurrentDictionary<(long Rollout, string Instance), Served> _served = new();

    // One reload at a time: two that overlap (a followed change and this node's own) could otherwise finish in the
    // wrong order and leave the older picture in place, serving a rolled-back target.
    private readonly SemaphoreSlim _reloading = new(1, 1);

    public bool IsEmpty => _running.Count == 0;

    /// <summary>Reads every running rollout again: after a rollout started, moved a stage, paused or ended.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateAsync(ct);
            var rows = await db.Rollouts.AsNoTracking()
                .Where(r => r.Status == RolloutStatus.Active || r.Status == RolloutStatus.Paused).ToListAsync(ct);
            _running = rows.ToDictionary(r => (r.ApplicationId, r.Environment), r => new Running(r));
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>True when a rollout runs in one of the application's environments.</summary>
    public bool Has(Guid application)
    {
        var running = _running;
        if (running.Count == 0) return false;
        foreach (var key in running.Keys)
        {
            if (key.Application == application) return true;
        }
        return false;
    }

    /// <summary>The running rollout of a document, if any.</summary>
    public Running? Find(Guid application, string environment) =>
        _running.Count == 0 ? null : _running.GetValueOrDefault((application, environment.ToLowerInvariant()));

    /// <summary>
    /// The document this instance gets: the target when a running rollout covers it, else <paramref name="base"/>.
    /// Notes which one it was served, for the rollout's instance list and its gate.
    /// </summary>
    public ResolvedDocument Serve(Guid application, string environment, string? instance, string? host, bool explain, Caller caller,
        ResolvedDocument @base)
    {
        if (instance is null || Find(application, environment) is not { } running) return @base;
        var target = running.Covers(instance);
        var document = target ? RolloutDocument.Target : RolloutDocument.Base;
        // Noted once per instance between two flushes: the read path allocates nothing for an instance already noted.
        if (!_served.TryGetValue((running.Id, instance), out var noted) || noted.Document != document || noted.Host != host)
            _served[(running.Id, instance)] = new Served(host, document);
        return target ? running.Target(resolution, explain, caller.SecretViewOn(application)) : @base;
    }

    /// <summary>
    /// What was served and is not written yet (by rollout and instance). It stays here until <see cref="Written"/>: a
    /// health report that comes while a flush is writing still counts the instances the flush carries.
    /// </summary>
    public IReadOnlyList<(long Rollout, string Instance, Served Served)> PendingServed(long? rollout = null)
    {
        var pending = new List<(long, string, Served)>();
        foreach (var ((id, instance), served) in _served)
        {
            if (rollout is { } only && id != only) continue;
            pending.Add((id, instance, served));
        }
        return pending;
    }

    /// <summary>Forgets what was written, unless the instance was served something else meanwhile.</summary>
    public void Written(IEnumerable<(long Rollout, string Instance, Served Served)> written)
    {
        foreach (var (id, instance, served) in written)
            _served.TryRemove(new KeyValuePair<(long, string), Served>((id, instance), served));
    }

    public sealed record Served(string? Host, RolloutDocument Document);

    /// <summary>One running rollout as the read path needs it: its stage's percentage, canaries, and the target document.</summary>
    public sealed class Running(Rollout row)
    {
        private readonly IReadOnlyList<RolloutStage> _stages = JsonSerializer.Deserialize<List<RolloutStage>>(row.Stages, RolloutJson.Options)!;
        private readonly HashSet<string> _canary = JsonSerializer.Deserialize<HashSet<string>>(row.Canary, RolloutJson.Options)!;
        private readonly IReadOnlyList<ResolvedValue> _target = RolloutJson.TargetValues(row.TargetValues);
        private readonly ConcurrentDictionary<(bool Explain, SecretView View), ResolvedDocument> _documents = new();

        // Each instance's cohort place, hashed once per rollout (bounded: ids are the clients' to choose).
        private readonly ConcurrentDictionary<string, int> _places = new(StringComparer.Ordinal);
        private const int MaxPlaces = 100_000;

        public long Id { get; } = row.Id;
        public RolloutStatus Status { get; } = row.Status;
        public int Percent => _stages[row.Stage].Percent;
        public string TargetETag { get; } = row.TargetETag;

        public bool Covers(string instance)
        {
            var percent = Percent;
            if (percent >= 100 || _canary.Contains(instance)) return true;
            if (!_places.TryGetValue(instance, out var place))
            {
                place = Cohort.PlaceOf(Id, instance);
                if (_places.Count < MaxPlaces) _places.TryAdd(instance, place);
            }
            return Cohort.Covers(place, percent);
        }

        public ResolvedDocument Target(ResolutionService resolution, bool explain, SecretView view) =>
            _documents.GetOrAdd((explain, view), k => resolution.ToDocument(_target, k.Explain, k.View));
    }
}

/// <summary>How a rollout's stages, canaries and target values are stored.</summary>
public static class RolloutJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The target document's values as stored (secret values sealed, as at rest).</summary>
    public static IReadOnlyList<ResolvedValue> TargetValues(string json) => JsonSerializer.Deserialize<List<ResolvedValue>>(json, Options)!;
}
