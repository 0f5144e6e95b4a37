using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Photos;

/// <summary>
/// A photo of a report, stored with all metadata removed (<see cref="ImageMetadata"/>). While the
/// form is being filled the photo belongs to the form's <see cref="UploadKey"/> and has no report,
/// so a resident need not choose it again after a correction.
/// </summary>
public sealed class ReportPhoto : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid? ReportId { get; set; }
    public Guid UploadKey { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class ReportPhotoConfiguration : IEntityTypeConfiguration<ReportPhoto>
{
    public void Configure(EntityTypeBuilder<ReportPhoto> b)
    {
        b.Property(p => p.ContentType).HasMaxLength(20);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.HasIndex(p => new { p.TenantId, p.ReportId });
        b.HasIndex(p => new { p.TenantId, p.UploadKey });
        b.HasOne<Reporting.Report>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
