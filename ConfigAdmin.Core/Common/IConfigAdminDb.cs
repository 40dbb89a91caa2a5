using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Common;

/// <summary>
/// The one small interface the services use the database through (ADR 0002). One instance is one unit
/// of work: everything added before <see cref="SaveChangesAsync"/> commits together or not at all.
/// </summary>
public interface IConfigAdminDb : IAsyncDisposable
{
    DbSet<Application> Applications { get; }
    DbSet<ConfigEnvironment> Environments { get; }
    DbSet<ConfigKey> Configs { get; }
    DbSet<ConfigOverride> Overrides { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<SystemState> SystemStates { get; }
    DbSet<Changes.ChangeRecord> Changes { get; }
    DbSet<Clients.ClientInstance> ClientInstances { get; }
    DbSet<Changes.ConfigRevision> Revisions { get; }
    DbSet<Reviews.ChangeRequest> ChangeRequests { get; }
    DbSet<Rollouts.Rollout> Rollouts { get; }
    DbSet<Rollouts.RolloutInstance> RolloutInstances { get; }
    DbSet<Webhooks.Webhook> Webhooks { get; }
    DbSet<Webhooks.WebhookEvent> WebhookEvents { get; }
    DbSet<Webhooks.WebhookDelivery> WebhookDeliveries { get; }
    DbSet<Webhooks.WebhookAttempt> WebhookAttempts { get; }

    /// <summary>For the few writes that need several saves in one transaction (restore).</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>Commits; translates unique and foreign-key violations into <see cref="ConflictException"/>.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds one connection until the unit of work ends: a write's reads and its save then share it, instead of each
    /// query taking one from the pool and handing it back.
    /// </summary>
    Task OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The entities of one type this unit of work tracks (not deleted), as they are: <c>DbSet.Local</c> scans every
    /// tracked entity for changes first, and a write asks for its environments several times.
    /// </summary>
    IReadOnlyList<T> Tracked<T>() where T : class;

    /// <summary>Every environment is tracked in this unit of work (<see cref="Environments.EnvironmentLookups.LoadEnvironmentsAsync"/>).</summary>
    bool EnvironmentsLoaded { get; set; }

    /// <summary>What the key's query for a direct write read besides the key (<see cref="Pipeline.WriteFacts"/>); null otherwise.</summary>
    Pipeline.WriteFacts? Facts { get; set; }
}

/// <summary>Creates one short-lived unit of work per operation (a Blazor circuit must not share one).</summary>
public interface IConfigAdminDbFactory
{
    Task<IConfigAdminDb> CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for this process's turn to write. SQLite has one writer at a time, and its own busy wait blocks
    /// a thread per waiting writer; queueing here instead keeps threads free. A no-op where the database
    /// handles concurrent writers itself.
    /// </summary>
    ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken = default);
}
