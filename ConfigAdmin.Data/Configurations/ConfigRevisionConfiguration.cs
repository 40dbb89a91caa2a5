using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ConfigRevisionConfiguration : IEntityTypeConfiguration<ConfigRevision>
{
    public void Configure(EntityTypeBuilder<ConfigRevision> b)
    {
        b.ToTable("config_revisions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedOnAdd();
        b.Property(r => r.Key).HasMaxLength(ConfigRules.MaxKeyLength).IsRequired();
        b.Property(r => r.ValueType).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Description).HasMaxLength(ConfigRules.MaxDescriptionLength);
        b.Property(r => r.Overrides).IsRequired();
        // The point-in-time read: the newest revision of each key of one application up to a moment. New revisions land
        // at the end of this index and the next; one led by the key's id would take them at random places and slow every
        // large write, for a read that RevisionsAt answers once per past (ADR 0024).
        b.HasIndex(r => new { r.ApplicationId, r.ChangedAt });
        // The History tab: an application's changes newest first, one page at a time, and where its history starts.
        b.HasIndex(r => new { r.ApplicationId, r.Baseline, r.Id });
        b.HasIndex(r => new { r.ConfigId, r.Id });
    }
}
