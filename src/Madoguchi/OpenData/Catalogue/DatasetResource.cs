using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// A file (or link) of a dataset. Every upload is kept as a <see cref="ResourceUpload"/>; the
/// latest one is what staff work on, the published one what everyone else gets.
/// </summary>
public sealed class DatasetResource : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DatasetId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public ResourceFormat Format { get; set; }

    /// <summary>For <see cref="ResourceFormat.Link"/>: the address it points to.</summary>
    public string? LinkUrl { get; set; }

    /// <summary>Where the file is fetched from on a schedule (re-publication from a URL), if anywhere.</summary>
    public string? SourceUrl { get; set; }

    public FetchSchedule FetchSchedule { get; set; } = FetchSchedule.None;

    /// <summary>When the fetch worker next takes this resource.</summary>
    public DateTime? NextFetchAt { get; set; }

    /// <summary>A node holds the fetch until then (claimed with a conditional update; another node takes over after a crash).</summary>
    public DateTime? FetchClaimedUntil { get; set; }

    public DateTime? LastFetchAt { get; set; }

    /// <summary>Whether the last fetch worked; with <see cref="LastFetchMessage"/> shown on the manage page.</summary>
    public bool? LastFetchSucceeded { get; set; }

    public string? LastFetchMessage { get; set; }

    /// <summary>A fetched version waits for ingest; once it passed, the fetch worker publishes it (or asks for review).</summary>
    public bool PublishWhenPassed { get; set; }

    public Guid? LatestUploadId { get; set; }
    public Guid? PublishedUploadId { get; set; }
    public long Downloads { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }
}

/// <summary>How often a resource with a source URL is fetched again.</summary>
public enum FetchSchedule
{
    None = 0,
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
}

internal sealed class DatasetResourceConfiguration : IEntityTypeConfiguration<DatasetResource>
{
    public void Configure(EntityTypeBuilder<DatasetResource> b)
    {
        b.ToTable("OpenDatasetResources");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.LinkUrl).HasMaxLength(2000);
        b.Property(r => r.SourceUrl).HasMaxLength(2000);
        b.Property(r => r.FetchSchedule).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.LastFetchMessage).HasMaxLength(500);
        b.HasIndex(r => new { r.FetchSchedule, r.NextFetchAt });
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.TenantId, r.DatasetId, r.SortOrder });
        b.HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
