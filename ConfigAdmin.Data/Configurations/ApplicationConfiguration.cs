using ConfigAdmin.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.ToTable("applications");
        b.HasKey(a => a.Id);
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.Property(a => a.NormalizedName).HasMaxLength(100).IsRequired();
        b.HasIndex(a => a.NormalizedName).IsUnique();
        b.Property(a => a.Description).HasMaxLength(2000);
        b.Property(a => a.Owner).HasMaxLength(200).IsRequired();
        b.Property(a => a.ContactEmail).HasMaxLength(254).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.Configs).WithOne(c => c.Application).HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
