using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// A resident's report of a problem in public space. Everything on this row except the reporter
/// (kept apart, in <see cref="ReportFollower"/> and <see cref="ReporterResidentId"/>) is public.
/// </summary>
public sealed class Report : ITenantOwned
{
    public const int MaxDescription = 2000;
    public const int MaxAddress = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid CategoryId { get; set; }

    /// <summary>Routed from the category; staff may hand it to another department.</summary>
    public Guid DepartmentId { get; set; }

    public ReportStatus Status { get; set; }
    public required string Description { get; set; }

    /// <summary>Address or landmark as the resident wrote it (or the chosen facility's name).</summary>
    public string Address { get; set; } = "";

    public Guid? FacilityId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>The <see cref="Geography.GridCells"/> cell of the position, for radius reads; null without a position.</summary>
    public long? Cell { get; set; }

    /// <summary>Answers to the category's extra questions, JSON object code → text.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>Signed-in reporter; null when anonymous. Never shown publicly.</summary>
    public Guid? ReporterResidentId { get; set; }

    /// <summary>The Open311 client application that posted it, if any.</summary>
    public Guid? ApiClientId { get; set; }

    /// <summary>Set when a reporter answered 直っていない after closure; cleared when staff change the status.</summary>
    public bool NeedsReview { get; set; }

    public Guid? MergedIntoId { get; set; }

    /// <summary>The city's latest public note (a copy of the newest <see cref="ReportUpdate.PublicNote"/>), so lists and Open311 read it with the row.</summary>
    public string? PublicNote { get; set; }

    /// <summary>The first photo, kept on the row for the same reason.</summary>
    public Guid? PhotoId { get; set; }

    /// <summary>Open311 token, answerable at tokens/{token}.</summary>
    public string Token { get; set; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.Property(r => r.Description).HasMaxLength(Report.MaxDescription);
        b.Property(r => r.Address).HasMaxLength(Report.MaxAddress);
        b.Property(r => r.AnswersJson).HasMaxLength(8000);
        b.Property(r => r.Token).HasMaxLength(40);
        b.Property(r => r.PublicNote).HasMaxLength(2000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(r => new { r.TenantId, r.Token }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.CreatedAt });
        b.HasIndex(r => new { r.TenantId, r.DepartmentId, r.Status });
        b.HasIndex(r => new { r.TenantId, r.CategoryId, r.Latitude });
        // Open311 GET requests with lat/long/radius: a seek per grid cell of the circle and date window,
        // answered from this index alone (status, position and id are in it), before any row is read.
        b.HasIndex(r => new { r.TenantId, r.Cell, r.CreatedAt, r.Status, r.Latitude, r.Longitude, r.Id });
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReportCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Report>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
