using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data;

/// <summary>
/// The model, shared by one subclass per provider so each provider keeps its own migration set
/// (ADR 0003). Versions are bumped here, so no service can forget to.
/// </summary>
public abstract class ConfigAdminContext(DbContextOptions options) : DbContext(options), IConfigAdminDb
{
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ConfigEnvironment> Environments => Set<ConfigEnvironment>();
    public DbSet<ConfigKey> Configs => Set<ConfigKey>();
    public DbSet<ConfigOverride> Overrides => Set<ConfigOverride>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConfigAdminContext).Assembly);

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
