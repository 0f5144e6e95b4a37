using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Applications;

/// <summary>A file uploaded with an application; the bytes live in the attachment store, this row says what they are.</summary>
public sealed class ApplicationAttachment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }

    /// <summary>The template's attachment key (which document this is).</summary>
    public required string AttachmentKey { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> b)
    {
        b.HasIndex(a => new { a.TenantId, a.ApplicationId, a.AttachmentKey });
        b.Property(a => a.AttachmentKey).HasMaxLength(80);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
