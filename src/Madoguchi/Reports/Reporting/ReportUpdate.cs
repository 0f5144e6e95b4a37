using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Reporting;

public enum ReportUpdateKind
{
    Submitted = 0,
    StatusChanged = 1,
    InternalNote = 2,
    NotFixed = 3,
    Merged = 4,
    Reassigned = 5,
}

/// <summary>
/// One line of a report's history. Append-only: the properties are init-only, no page edits or
/// deletes a row, and the audit chain (every insert is audited) shows if one were changed.
/// <see cref="PublicNote"/> is shown to everyone, <see cref="InternalNote"/> to staff only.
/// </summary>
public sealed class ReportUpdate : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ReportId { get; init; }
    public DateTime At { get; init; } = DateTime.UtcNow;
    public ReportUpdateKind Kind { get; init; }
    public ReportStatus? FromStatus { get; init; }
    public ReportStatus? ToStatus { get; init; }
    public string? PublicNote { get; init; }
    public string? InternalNote { get; init; }
    public Guid? StaffUserId { get; init; }
}

internal sealed class ReportUpdateConfiguration : IEntityTypeConfiguration<ReportUpdate>
{
    public void Configure(EntityTypeBuilder<ReportUpdate> b)
    {
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.FromStatus).HasConversion<string>().HasMaxLength(12);
        b.Property(u => u.ToStatus).HasConversion<string>().HasMaxLength(12);
        b.Property(u => u.PublicNote).HasMaxLength(2000);
        b.Property(u => u.InternalNote).HasMaxLength(2000);
        b.HasIndex(u => new { u.TenantId, u.ReportId, u.At });
        b.HasOne<Report>().WithMany().HasForeignKey(u => u.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
