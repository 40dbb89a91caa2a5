using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data;

/// <summary>
/// The model, shared by one subclass per provider so each provider keeps its own migration set
/// (ADR 0003). Versions are bumped here, so no service can forget to. People (ASP.NET Core Identity) and the
/// Data Protection key ring live in the same database, so every node shares them.
/// </summary>
public abstract class ConfigAdminContext(DbContextOptions options)
    : IdentityUserContext<ConfigAdminUser, Guid>(options), IConfigAdminDb, IDataProtectionKeyContext
{
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ConfigEnvironment> Environments => Set<ConfigEnvironment>();
    public DbSet<ConfigKey> Configs => Set<ConfigKey>();
    public DbSet<ConfigOverride> Overrides => Set<ConfigOverride>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SystemState> SystemStates => Set<SystemState>();
    public DbSet<Core.Changes.ChangeRecord> Changes => Set<Core.Changes.ChangeRecord>();
    public DbSet<Core.Clients.ClientInstance> ClientInstances => Set<Core.Clients.ClientInstance>();
    public DbSet<Core.Changes.ConfigRevision> Revisions => Set<Core.Changes.ConfigRevision>();
    public DbSet<Core.Reviews.ChangeRequest> ChangeRequests => Set<Core.Reviews.ChangeRequest>();
    public DbSet<Core.Rollouts.Rollout> Rollouts => Set<Core.Rollouts.Rollout>();
    public DbSet<Core.Rollouts.RolloutInstance> RolloutInstances => Set<Core.Rollouts.RolloutInstance>();
    public DbSet<Core.Webhooks.Webhook> Webhooks => Set<Core.Webhooks.Webhook>();
    public DbSet<Core.Webhooks.WebhookEvent> WebhookEvents => Set<Core.Webhooks.WebhookEvent>();
    public DbSet<Core.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Core.Webhooks.WebhookDelivery>();
    public DbSet<Core.Webhooks.WebhookAttempt> WebhookAttempts => Set<Core.Webhooks.WebhookAttempt>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ConfigAdminUser>().ToTable("users");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConfigAdminContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // One pass over the tracked entities finds what changed; the looks below read the states it left (each would
        // scan every tracked entity again), and the save's own pass then picks up what they set.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        bool recordsChange;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await Outbox.OutboxFanOut.PrepareAsync(this, cancellationToken);
            foreach (var entry in ChangeTracker.Entries<IVersioned>())
            {
                if (entry.State == EntityState.Modified) entry.Entity.Version++;
            }
            recordsChange = ChangeTracker.Entries<Core.Changes.ChangeRecord>().Any(e => e.State == EntityState.Added)
                            || ChangeTracker.Entries<Core.Webhooks.WebhookDelivery>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        try
        {
            return await SaveInChangeOrderAsync(recordsChange, cancellationToken);
        }
        // Core knows no EF types: what the provider says becomes the domain's own exceptions here.
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrentWriteException(ex);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsConcurrentOverrideInsert(ex))
        {
            throw new ConcurrentWriteException(ex);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.ToConflict(ex) is { } conflict)
        {
            throw conflict;
        }
        catch (Exception ex) when (DatabaseErrors.IsLostRace(ex))
        {
            throw new ConcurrentWriteException(ex);
        }
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => Database.OpenConnectionAsync(cancellationToken);

    public bool EnvironmentsLoaded { get; set; }

    public Core.Pipeline.WriteFacts? Facts { get; set; }

    public IReadOnlyList<T> Tracked<T>() where T : class
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return Set<T>().Local.ToList();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    // A pooled context is disposed back into the pool: its next lease starts with nothing tracked.
    public override void Dispose()
    {
        (EnvironmentsLoaded, Facts) = (false, null);
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        (EnvironmentsLoaded, Facts) = (false, null);
        return base.DisposeAsync();
    }

    /// <summary>
    /// On PostgreSQL, a save that records a change takes the change record's advisory lock first, for the rest of its
    /// transaction: revisions then commit in order (ADR 0010), and every writer takes that lock before any row lock,
    /// so the two cannot deadlock. A save that queues webhook deliveries takes it too: their ids then grow in commit
    /// order, which is the order each webhook receives them in (ADR 0018). SQLite has one writer at a time anyway.
    /// </summary>
    private async Task<int> SaveInChangeOrderAsync(bool recordsChange, CancellationToken ct)
    {
        if (!recordsChange || !Database.IsNpgsql()) return await base.SaveChangesAsync(ct);
        if (Database.CurrentTransaction is not null)
        {
            // Someone else's transaction (a restore's): the lock is taken here and held until it commits.
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChangeRecordLock})", ct);
            return await base.SaveChangesAsync(ct);
        }
        await using var transaction = await Database.BeginTransactionAsync(ct);
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChangeRecordLock})", ct);
        var saved = await base.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return saved;
    }

    /// <summary>The advisory lock the change record's trigger takes (written out in the ChangeRecord migration too).</summary>
    public const long ChangeRecordLock = 7135380;
}
