using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Core.Access;

/// <summary>
/// Every user's grants and sessions and every API key's hash, in memory, so that each request — the client read's fast
/// path included — is authorized without a database round trip. Reloaded whenever access changes (a key created or
/// revoked, a user's roles changed, disabled or signed out), before the change's response leaves, so revocation is
/// immediate. A reload that fails (the database went away right after the commit) is retried until one succeeds;
/// meanwhile <see cref="IsCurrent"/> is false and the node reports itself not ready.
/// </summary>
public sealed class AccessDirectory(IConfigAdminDbFactory factory, IUserAccessSource users, TimeProvider time, ILogger<AccessDirectory> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200), LastRetry = TimeSpan.FromSeconds(5);

    private volatile Snapshot _snapshot = Snapshot.Empty;
    private readonly Lock _lock = new();
    private long _requested;
    private long _installed;
    private long _failed;
    private int _retrying;
    private KeyEntry? _bootstrap;

    /// <summary>True once the first load finished.</summary>
    public bool IsLoaded => _snapshot.Loaded;

    /// <summary>False from a failed reload until a reload that started after it succeeds: the directory may be missing a change.</summary>
    public bool IsCurrent => Interlocked.Read(ref _installed) >= Interlocked.Read(ref _failed);

    /// <summary>Raised after each successful reload (open sessions check whether they are still live).</summary>
    public event Action? Reloaded;

    /// <summary>An admin key from configuration, never stored (<c>Security:BootstrapApiKey</c>); its actor is <c>key:bootstrap</c>.</summary>
    public void UseBootstrapKey(string secret)
    {
        var caller = new Caller(CallerKind.ApiKey, "bootstrap", [new Grant(Role.Admin, null)]);
        _bootstrap = new KeyEntry(Guid.Empty, new SecretHash(ApiKeySecrets.Hash(secret)), null, caller);
    }

    /// <summary>
    /// Loads users and keys again; a load that started earlier never replaces one that started later. When it fails, the
    /// directory keeps retrying on its own until a load succeeds, and the failure is rethrown.
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var generation = Interlocked.Increment(ref _requested);
        try
        {
            await LoadAsync(generation, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            lock (_lock) _failed = Math.Max(_failed, generation);
            if (Interlocked.Exchange(ref _retrying, 1) == 0)
            {
                logger.LogWarning(ex, "Could not reload who may do what; retrying until it works, and not ready meanwhile");
                _ = RetryAsync();
            }
            throw;
        }
    }

    private async Task LoadAsync(long generation, CancellationToken ct)
    {
        var people = await users.LoadAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        var previous = _snapshot;
        var snapshot = new Snapshot(
            keys.Select(k => new KeyEntry(k.Id, new SecretHash(k.SecretHash), k.ExpiresAt, CallerOf(k))
                    { LastUsedTicks = previous.KeyById(k.Id)?.LastUsedTicks ?? 0 })
                .ToDictionary(k => k.Hash),
            people.ToDictionary(u => u.Id, u => new UserEntry(new Caller(CallerKind.User, u.Email, u.Grants) { Id = u.Id }, u.Disabled, u.SecurityStamp)),
            Loaded: true);
        lock (_lock)
        {
            if (generation <= _installed) return;
            _installed = generation;
            _snapshot = snapshot;
        }
        Reloaded?.Invoke();
    }

    /// <summary>Reloads with a growing pause until one load succeeds (started by the first failure, one loop at a time).</summary>
    private async Task RetryAsync()
    {
        var pause = FirstRetry;
        while (!IsCurrent)
        {
            await Task.Delay(pause, time);
            try
            {
                await LoadAsync(Interlocked.Increment(ref _requested), CancellationToken.None);
            }
            catch (Exception)
            {
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LastRetry.Ticks));
            }
        }
        logger.LogInformation("Reloaded who may do what after a failed reload; ready again");
        Interlocked.Exchange(ref _retrying, 0);
        // A failure that came while this loop was ending starts no loop of its own: look once more.
        if (!IsCurrent && Interlocked.Exchange(ref _retrying, 1) == 0) _ = RetryAsync();
    }

    /// <summary>The caller a bearer secret stands for, if it is a live, unexpired key; notes its use.</summary>
    public Caller? FindKey(ReadOnlySpan<char> secret) => FindKey(HashToLookUp(secret));

    /// <summary>
    /// What <see cref="FindKey(SecretHash)"/> takes for a bearer secret: its hash, or empty for a secret no key can have
    /// (the hash is the costly part of a lookup; a caller may keep it while the same secret comes again).
    /// </summary>
    public SecretHash HashToLookUp(ReadOnlySpan<char> secret) =>
        secret.StartsWith(ApiKeySecrets.Prefix) || _bootstrap is not null ? ApiKeySecrets.HashOf(secret) : default;

    /// <summary>The caller a secret's hash (<see cref="HashToLookUp"/>) stands for, if it is a live, unexpired key; notes its use.</summary>
    public Caller? FindKey(SecretHash hash)
    {
        if (hash.IsEmpty) return null;
        if (_bootstrap is { } bootstrap && bootstrap.Hash == hash) return bootstrap.Caller;
        if (!_snapshot.Keys.TryGetValue(hash, out var key)) return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (key.ExpiresAt <= now) return null;
        key.LastUsedTicks = now.Ticks;
        return key.Caller;
    }

    /// <summary>The caller a signed-in user stands for now (their current grants), or null when disabled or gone.</summary>
    public Caller? FindUser(Guid id) => _snapshot.Users.GetValueOrDefault(id) is { Disabled: false } user ? user.Caller : null;

    /// <summary>
    /// The caller a session signed in under <paramref name="stamp"/> stands for now, or null when the user is disabled or
    /// gone, or the session ended (signed out, password changed: the user's security stamp is another one now).
    /// </summary>
    public Caller? FindSession(Guid id, string? stamp) =>
        _snapshot.Users.GetValueOrDefault(id) is { Disabled: false } user && stamp is not null && user.Stamp == stamp ? user.Caller : null;

    /// <summary>
    /// True when an enabled user's session carries another stamp than the one this directory holds: it ended, or it began
    /// after a change this node has not loaded yet (the database tells which).
    /// </summary>
    public bool StampDiffers(Guid id, string? stamp) =>
        _snapshot.Users.GetValueOrDefault(id) is { Disabled: false } user && user.Stamp != stamp;

    /// <summary>When each key was last used, as noted since the last load (the store is updated in the background).</summary>
    public DateTime? LastUsed(Guid keyId) => _snapshot.KeyById(keyId) is { LastUsedTicks: > 0 } k ? new DateTime(k.LastUsedTicks, DateTimeKind.Utc) : null;

    /// <summary>Writes the noted last-use times to the store; called periodically.</summary>
    public async Task FlushLastUsedAsync(CancellationToken ct)
    {
        foreach (var key in _snapshot.Keys.Values.Where(k => k.LastUsedTicks > k.FlushedTicks && k.Id != Guid.Empty))
        {
            var used = new DateTime(key.LastUsedTicks, DateTimeKind.Utc);
            using (await factory.EnterWriteAsync(ct))
            await using (var db = await factory.CreateAsync(ct))
            {
                await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, used), ct);
            }
            key.FlushedTicks = used.Ticks;
        }
    }

    private static Caller CallerOf(ApiKey key) =>
        new(CallerKind.ApiKey, key.Name, [new Grant(key.Role, key.Applications)], key.Role == Role.Client ? key.Environments : null)
        {
            Id = key.Id,
        };

    private sealed class KeyEntry(Guid id, SecretHash hash, DateTime? expiresAt, Caller caller)
    {
        public Guid Id { get; } = id;
        public SecretHash Hash { get; } = hash;
        public DateTime? ExpiresAt { get; } = expiresAt;
        public Caller Caller { get; } = caller;
        public long LastUsedTicks { get; set; }
        public long FlushedTicks { get; set; }
    }

    private sealed record UserEntry(Caller Caller, bool Disabled, string? Stamp);

    private sealed record Snapshot(IReadOnlyDictionary<SecretHash, KeyEntry> Keys, IReadOnlyDictionary<Guid, UserEntry> Users, bool Loaded)
    {
        public static readonly Snapshot Empty = new(new Dictionary<SecretHash, KeyEntry>(), new Dictionary<Guid, UserEntry>(), false);

        private readonly Dictionary<Guid, KeyEntry> _byId = Keys.Values.ToDictionary(k => k.Id);

        public KeyEntry? KeyById(Guid id) => _byId.GetValueOrDefault(id);
    }
}
