using ConfigAdmin.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConfigAdmin.Data.Configurations;

public sealed class ChangeRequestConfiguration : IEntityTypeConfiguration<ChangeRequest>
{
    public void Configure(EntityTypeBuilder<ChangeRequest> b)
    {
        b.ToTable("change_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedOnAdd();
        // A request goes with its application; the audit entries of its life stay.
        b.HasOne(r => r.Application).WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Title).HasMaxLength(RequestFiler.MaxTitleLength).IsRequired();
        b.Property(r => r.Description).HasMaxLength(RequestFiler.MaxDescriptionLength);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Author).HasMaxLength(200).IsRequired();
        b.Property(r => r.AuthorPrincipal).HasMaxLength(64).IsRequired();
        b.Property(r => r.ProtectedEnvironments).HasMaxLength(2000);
        b.Property(r => r.AppliedBy).HasMaxLength(200);
        b.Property(r => r.ClosedBy).HasMaxLength(200);
        b.Property(r => r.AcknowledgedBy).HasMaxLength(200);
        b.Property(r => r.ForcedReason).HasMaxLength(ChangeRequestService.MaxCommentLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.ApplicationId, r.Id });
        b.HasIndex(r => new { r.Status, r.Id });
        b.HasMany(r => r.Approvals).WithOne().HasForeignKey(a => a.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Comments).WithOne().HasForeignKey(c => c.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChangeRequestApprovalConfiguration : IEntityTypeConfiguration<ChangeRequestApproval>
{
    public void Configure(EntityTypeBuilder<ChangeRequestApproval> b)
    {
        b.ToTable("change_request_approvals");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedOnAdd();
        b.Property(a => a.Principal).HasMaxLength(64).IsRequired();
        b.Property(a => a.By).HasMaxLength(200).IsRequired();
        b.Property(a => a.Comment).HasMaxLength(ChangeRequestService.MaxCommentLength);
        // One approval per principal: two approvals by one key at once cannot both count.
        b.HasIndex(a => new { a.ChangeRequestId, a.Principal }).IsUnique();
    }
}

public sealed class ChangeRequestCommentConfiguration : IEntityTypeConfiguration<ChangeRequestComment>
{
    public void Configure(EntityTypeBuilder<ChangeRequestComment> b)
    {
        b.ToTable("change_request_comments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.By).HasMaxLength(200).IsRequired();
        b.Property(c => c.Text).HasMaxLength(ChangeRequestService.MaxCommentLength).IsRequired();
    }
}
