using ConfigAdmin.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> b)
    {
        b.ToTable("changes");
        b.HasKey(c => c.Revision);
        b.Property(c => c.Revision).ValueGeneratedOnAdd();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Environments).HasMaxLength(2000);
        b.HasIndex(c => c.OccurredAt);
    }
}
