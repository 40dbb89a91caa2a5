using ConfigAdmin.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ClientInstanceConfiguration : IEntityTypeConfiguration<ClientInstance>
{
    public void Configure(EntityTypeBuilder<ClientInstance> b)
    {
        b.ToTable("client_instances");
        b.HasKey(c => new { c.ApplicationId, c.Environment, c.InstanceId });
        b.Property(c => c.Environment).HasMaxLength(50);
        b.Property(c => c.InstanceId).HasMaxLength(100);
        b.Property(c => c.Host).HasMaxLength(200);
        b.Property(c => c.Version).HasMaxLength(100);
        b.Property(c => c.AppliedETag).HasMaxLength(100);
        b.Property(c => c.View).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(c => c.LastSeenAt);
    }
}
