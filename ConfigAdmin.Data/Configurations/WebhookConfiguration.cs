using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.ToTable("webhooks");
        b.HasKey(w => w.Id);
        b.Property(w => w.Url).HasMaxLength(WebhookInputValidator.MaxUrlLength).IsRequired();
        b.Property(w => w.Description).HasMaxLength(WebhookInputValidator.MaxDescriptionLength);
        b.Property(w => w.Secret).HasMaxLength(2000).IsRequired();
        b.Property(w => w.CreatedBy).HasMaxLength(ChangeContext.MaxActorLength).IsRequired();
        b.Property(w => w.Version).IsConcurrencyToken();
    }
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> b)
    {
        b.ToTable("webhook_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Name).HasMaxLength(64).IsRequired();
        b.Property(e => e.Source).HasMaxLength(400).IsRequired();
        b.Property(e => e.Data).IsRequired();
        b.Ignore(e => e.Compose);
        // The change record is pruned after its retention; an event still waiting then keeps the revision in its body
        // (put together at its first attempt), or goes without one.
        b.HasOne(e => e.Change).WithMany().HasForeignKey(e => e.Revision).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => e.OccurredAt);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedOnAdd();
        // Not a foreign key: a write must never fail because a webhook was deleted while its event was queued. Deleting a
        // webhook deletes its deliveries; one queued at that very moment is never claimed, and pruned.
        b.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.LeaseToken).HasMaxLength(64);
        b.Property(d => d.LastError).HasMaxLength(WebhookAttempt.MaxErrorLength);
        // Finding each webhook's first pending delivery, and the log's pruning.
        b.HasIndex(d => new { d.State, d.WebhookId, d.Id });
        b.HasIndex(d => new { d.State, d.CompletedAt });
        b.HasIndex(d => d.WebhookId);
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("webhook_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedOnAdd();
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Response).HasMaxLength(WebhookAttempt.MaxResponseBytes);
        b.Property(a => a.Error).HasMaxLength(WebhookAttempt.MaxErrorLength);
        b.HasIndex(a => new { a.WebhookId, a.Id });
    }
}
