using ConfigAdmin.Core.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ConfigKeyConfiguration : IEntityTypeConfiguration<ConfigKey>
{
    public void Configure(EntityTypeBuilder<ConfigKey> b)
    {
        b.ToTable("configs");
        b.HasKey(c => c.Id);
        b.Property(c => c.Key).HasMaxLength(ConfigRules.MaxKeyLength).IsRequired();
        b.Property(c => c.NormalizedKey).HasMaxLength(ConfigRules.MaxKeyLength).IsRequired();
        b.HasIndex(c => new { c.ApplicationId, c.NormalizedKey }).IsUnique();
        b.Property(c => c.ValueType).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Description).HasMaxLength(ConfigRules.MaxDescriptionLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Overrides).WithOne(o => o.Config).HasForeignKey(o => o.ConfigId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ConfigOverrideConfiguration : IEntityTypeConfiguration<ConfigOverride>
{
    public void Configure(EntityTypeBuilder<ConfigOverride> b)
    {
        b.ToTable("overrides");
        b.HasKey(o => new { o.ConfigId, o.EnvironmentId });
        b.Property(o => o.Value).IsRequired();
        // An environment in use cannot be deleted: the service says how many, the database backs it up.
        b.HasOne(o => o.Environment).WithMany().HasForeignKey(o => o.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.EnvironmentId);
    }
}
