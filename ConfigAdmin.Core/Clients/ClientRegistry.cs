using System.Collections.Concurrent;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Clients;

/// <summary>
/// Which instance runs which version (ADR 0012): each poll is noted in memory at once, and what changed is written to the
/// database every few seconds, where every node's sightings meet and survive a restart. Instances unseen for 24 hours
/// are forgotten; memory holds at most <see cref="MaxTracked"/> sightings per node.
/// </summary>
public sealed class ClientRegistry(IConfigAdminDbFactory factory, TimeProvider time)
{
    public const int MaxTracked = 50_000;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<(Guid App, string Env, string Instance), ClientInstance> _seen = new();

    /// <summary>Notes one poll (cheap: memory only).</summary>
    public void Saw(Guid application, string environment, SecretView view, ClientSighting sighting)
    {
        if (_seen.Count >= MaxTracked && !_seen.ContainsKey((application, environment, sighting.InstanceId))) return;
        _seen[(application, environment.ToLowerInvariant(), sighting.InstanceId)] = new ClientInstance
        {
            ApplicationId = application, Environment = environment.ToLowerInvariant(), InstanceId = sighting.InstanceId,
            Host = sighting.Host, Version = sighting.Version, AppliedETag = sighting.AppliedETag, View = view,
            LastSeenAt = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>Writes what was noted since the last flush, and forgets instances unseen for 24 hours.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var batch = _seen.ToArray();
        if (batch.Length == 0) return;
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        foreach (var (_, seen) in batch)
        {
            var updated = await db.ClientInstances
                .Where(c => c.ApplicationId == seen.ApplicationId && c.Environment == seen.Environment && c.InstanceId == seen.InstanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Host, seen.Host).SetProperty(c => c.Version, seen.Version)
                    .SetProperty(c => c.AppliedETag, seen.AppliedETag).SetProperty(c => c.View, seen.View)
                    .SetProperty(c => c.LastSeenAt, seen.LastSeenAt), ct);
            if (updated == 0) db.ClientInstances.Add(seen);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            // Another node inserted the same instance meanwhile: its row stands; the next poll updates it.
        }
        // Forgotten only once written, and only if not noted again meanwhile: a reader finds every sighting in memory
        // or in the database, never in neither (the Clients tab once missed an instance that polled during a flush).
        foreach (var pair in batch) _seen.TryRemove(pair);
        var before = time.GetUtcNow().UtcDateTime - Window;
        await db.ClientInstances.Where(c => c.LastSeenAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>The instances seen in the last 24 hours, flushed or only noted so far, newest sighting first.</summary>
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
            .OrderByDescending(c => c.LastSeenAt)
            .ToList();
    }
}
