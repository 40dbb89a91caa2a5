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
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        try
        {
            return await base.SaveChangesAsync(cancellationToken);
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
    }
}
