using System.Text.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.NormalizedName).HasMaxLength(100).IsRequired();
        b.HasIndex(k => k.NormalizedName).IsUnique();
        b.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(k => k.CreatedBy).HasMaxLength(ChangeContext.MaxActorLength).IsRequired();
        b.Property(k => k.SecretHash).HasMaxLength(32).IsRequired();
        b.HasIndex(k => k.SecretHash).IsUnique();
        b.Property(k => k.Hint).HasMaxLength(16).IsRequired();
    }
}

public sealed class UserConfiguration : IEntityTypeConfiguration<ConfigAdminUser>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Configure(EntityTypeBuilder<ConfigAdminUser> b)
    {
        // Grants are read and written whole with their user: one JSON column, the same on both providers.
        b.Property(u => u.Grants).IsRequired().HasConversion(
            grants => JsonSerializer.Serialize(grants, Json),
            json => JsonSerializer.Deserialize<List<Grant>>(json, Json) ?? new List<Grant>(),
            new ValueComparer<List<Grant>>(
                (a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                g => JsonSerializer.Serialize(g, Json).GetHashCode(),
                g => g.ToList()));
    }
}

public sealed class SystemStateConfiguration : IEntityTypeConfiguration<SystemState>
{
    public void Configure(EntityTypeBuilder<SystemState> b)
    {
        b.ToTable("system_state");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(1000).IsRequired();
    }
}
