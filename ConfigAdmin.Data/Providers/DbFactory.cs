using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Providers;

/// <summary>Hands the services a fresh context of whichever provider was chosen.</summary>
public sealed class DbFactory<TContext>(IDbContextFactory<TContext> inner, WriteGate gate) : IConfigAdminDbFactory
    where TContext : ConfigAdminContext
{
    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken = default) => gate.EnterAsync(cancellationToken);

    public async Task<IConfigAdminDb> CreateAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);

    /// <summary>A context for maintenance (migrations, health): same provider, not through the interface.</summary>
    public async Task<ConfigAdminContext> CreateContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>One writer at a time in this process (SQLite), or no waiting at all (PostgreSQL).</summary>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_semaphore is null) return Released.Instance;
        await _semaphore.WaitAsync(ct);
        return new Turn(_semaphore);
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();

        public void Dispose() { }
    }
}
