using System.Collections.Concurrent;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Core.Clients;

/// <summary>How many client instances are remembered (<c>Api:MaxClientInstances</c>).</summary>
public sealed class ClientRegistryOptions
{
    /// <summary>Per application and environment; beyond it the oldest sightings are forgotten first.</summary>
    public int MaxInstancesPerEnvironment { get; set; } = 1_000;
}

/// <summary>
/// Which instance runs which version (ADR 0012): each poll is noted in memory at once, and what changed is written to the
/// database every few seconds, in one batch, where every node's sightings meet and survive a restart. Instances unseen
/// for 24 hours are forgotten, and each application and environment keeps at most
/// <see cref="ClientRegistryOptions.MaxInstancesPerEnvironment"/> (the oldest go): a caller inventing instance ids cannot
/// grow the table, the memory or the Clients tab without limit. Memory holds at most <see cref="MaxTracked"/> per node.
/// </summary>
public sealed class ClientRegistry(IConfigAdminDbFactory factory, TimeProvider time, IOptions<ClientRegistryOptions> options)
{
    public const int MaxTracked = 50_000;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly int _perEnvironment = options.Value.MaxInstancesPerEnvironment;
    private readonly ConcurrentDictionary<(Guid App, string Env, string Instance), ClientInstance> _seen = new();
    private readonly ConcurrentDictionary<(Guid App, string Env), int> _noted = new();

    /// <summary>Notes one poll (cheap: memory only). A new instance beyond what its environment may keep in memory is not noted.</summary>
    public void Saw(Guid application, string environment, SecretView view, ClientSighting sighting)
    {
        var env = environment.ToLowerInvariant();
        var key = (application, env, sighting.InstanceId);
        var seen = new ClientInstance
        {
            ApplicationId = application, Environment = env, InstanceId = sighting.InstanceId,
            Host = sighting.Host, Version = sighting.Version, AppliedETag = sighting.AppliedETag, View = view,
            LastSeenAt = time.GetUtcNow().UtcDateTime,
        };
        if (_seen.ContainsKey(key))
        {
            // Set, not TryUpdate: a flush that removed the older sighting meanwhile must not lose this one.
            _seen[key] = seen;
            return;
        }
        if (_seen.Count >= MaxTracked || _noted.GetValueOrDefault((application, env)) >= _perEnvironment) return;
        if (_seen.TryAdd(key, seen)) _noted.AddOrUpdate((application, env), 1, static (_, n) => n + 1);
    }

    /// <summary>
    /// Writes what was noted since the last flush in one batch, keeps each environment's newest sightings within the
    /// limit, and forgets instances unseen for 24 hours.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var batch = _seen.ToArray();
        if (batch.Length == 0) return;
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        var groups = batch.Select(p => p.Value).GroupBy(s => (s.ApplicationId, s.Environment)).ToList();
        foreach (var group in groups)
        {
            var (app, env) = group.Key;
            var ids = group.Select(s => s.InstanceId).ToList();
            var stored = await db.ClientInstances.Where(c => c.ApplicationId == app && c.Environment == env && ids.Contains(c.InstanceId))
                .ToDictionaryAsync(c => c.InstanceId, StringComparer.Ordinal, ct);
            foreach (var seen in group)
            {
                if (!stored.TryGetValue(seen.InstanceId, out var row))
                {
                    db.ClientInstances.Add(seen);
                    continue;
                }
                row.Host = seen.Host;
                row.Version = seen.Version;
                row.AppliedETag = seen.AppliedETag;
                row.View = seen.View;
                row.LastSeenAt = seen.LastSeenAt;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            // Another node inserted one of these instances meanwhile: its row stands; the next poll updates it.
        }
        // Forgotten only once written, and only if not noted again meanwhile: a reader finds every sighting in memory
        // or in the database, never in neither (the Clients tab once missed an instance that polled during a flush).
        foreach (var pair in batch)
        {
            if (_seen.TryRemove(pair))
                _noted.AddOrUpdate((pair.Key.App, pair.Key.Env), 0, static (_, n) => Math.Max(0, n - 1));
        }
        foreach (var group in groups) await TrimAsync(db, group.Key.ApplicationId, group.Key.Environment, ct);
        var before = time.GetUtcNow().UtcDateTime - Window;
        await db.ClientInstances.Where(c => c.LastSeenAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Keeps the newest sightings of one application and environment within the limit.</summary>
    private async Task TrimAsync(IConfigAdminDb db, Guid app, string env, CancellationToken ct)
    {
        var rows = db.ClientInstances.Where(c => c.ApplicationId == app && c.Environment == env);
        if (await rows.CountAsync(ct) <= _perEnvironment) return;
        var oldest = await rows.OrderByDescending(c => c.LastSeenAt).ThenBy(c => c.InstanceId).Skip(_perEnvironment)
            .Select(c => c.InstanceId).ToListAsync(ct);
        foreach (var chunk in oldest.Chunk(500))
            await rows.Where(c => chunk.Contains(c.InstanceId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The instances seen in the last 24 hours, flushed or only noted so far, newest sighting first: at most the limit
    /// per environment.
    /// </summary>
    public async Task<IReadOnlyList<ClientInstance>> SeenAsync(Guid application, string? environment, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        await using var db = await factory.CreateAsync(ct);
        var stored = await db.ClientInstances.AsNoTracking()
            .Where(c => c.ApplicationId == application && c.LastSeenAt >= since && (environment == null || c.Environment == environment))
            .ToListAsync(ct);
        var noted = _seen.Values.Where(c => c.ApplicationId == application && (environment == null || c.Environment == environment));
        return stored.Concat(noted)
            .GroupBy(c => (c.Environment, c.InstanceId))
            .Select(g => g.MaxBy(c => c.LastSeenAt)!)
            .GroupBy(c => c.Environment)
            .SelectMany(g => g.OrderByDescending(c => c.LastSeenAt).Take(_perEnvironment))
            .OrderByDescending(c => c.LastSeenAt)
            .ToList();
    }
}
