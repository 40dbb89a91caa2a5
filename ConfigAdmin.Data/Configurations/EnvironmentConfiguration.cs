using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class EnvironmentConfiguration : IEntityTypeConfiguration<ConfigEnvironment>
{
    public void Configure(EntityTypeBuilder<ConfigEnvironment> b)
    {
        b.ToTable("environments");
        b.HasKey(e => e.Id);
        b.Property(e => e.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(e => e.Name).IsUnique();
        b.Property(e => e.Description).HasMaxLength(1000);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
