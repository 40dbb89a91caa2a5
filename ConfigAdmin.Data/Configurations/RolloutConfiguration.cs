using ConfigAdmin.Core.Rollouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class RolloutConfiguration : IEntityTypeConfiguration<Rollout>
{
    public void Configure(EntityTypeBuilder<Rollout> b)
    {
        b.ToTable("rollouts");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedOnAdd();
        // A rollout goes with its application; its audit entries stay.
        b.HasOne(r => r.Application).WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Environment).HasMaxLength(50).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Stages).HasMaxLength(2000).IsRequired();
        b.Property(r => r.Canary).IsRequired();
        b.Property(r => r.BaseETag).HasMaxLength(100).IsRequired();
        b.Property(r => r.TargetETag).HasMaxLength(100).IsRequired();
        b.Property(r => r.TargetValues).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.StartedBy).HasMaxLength(200).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Status, r.ApplicationId });
        b.HasIndex(r => r.ChangeRequestId);
        b.HasMany(r => r.Instances).WithOne().HasForeignKey(i => i.RolloutId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RolloutId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RolloutInstanceConfiguration : IEntityTypeConfiguration<RolloutInstance>
{
    public void Configure(EntityTypeBuilder<RolloutInstance> b)
    {
        b.ToTable("rollout_instances");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedOnAdd();
        b.Property(i => i.InstanceId).HasMaxLength(100).IsRequired();
        b.Property(i => i.Host).HasMaxLength(200);
        b.Property(i => i.Document).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Health).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Reason).HasMaxLength(1000);
        b.HasIndex(i => new { i.RolloutId, i.InstanceId }).IsUnique();
    }
}

public sealed class RolloutEventConfiguration : IEntityTypeConfiguration<RolloutEvent>
{
    public void Configure(EntityTypeBuilder<RolloutEvent> b)
    {
        b.ToTable("rollout_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        b.Property(e => e.Message).HasMaxLength(2000).IsRequired();
        b.Property(e => e.Actor).HasMaxLength(200);
    }
}
