using ConfigAdmin.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Actor).HasMaxLength(200).IsRequired();
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.EntityType).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.ApplicationName).HasMaxLength(100);
        b.Property(e => e.Key).HasMaxLength(256);
        b.Property(e => e.Environment).HasMaxLength(50);
        b.Property(e => e.CorrelationId).HasMaxLength(64).IsRequired();
        b.HasIndex(e => e.ApplicationId);
        b.HasIndex(e => e.OccurredAt);
    }
}
