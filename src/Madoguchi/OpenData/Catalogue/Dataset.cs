using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// A dataset of the municipality's catalogue, owned by one department (the CKAN "organization").
/// Residents see it only once published; what they see of its files is the snapshot taken at
/// publication (<see cref="DatasetResource.PublishedUploadId"/>), so a later upload that fails its
/// checks never reaches them.
/// </summary>
public sealed class Dataset : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DepartmentId { get; set; }

    /// <summary>URL name (CKAN "name"): lower-case ASCII letters, digits, - and _.</summary>
    public required string Name { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown as written; rendered sanitised (<see cref="DescriptionHtml"/>).</summary>
    public string Description { get; set; } = "";

    public Licence Licence { get; set; } = Licence.CcBy40;
    public UpdateFrequency UpdateFrequency { get; set; } = UpdateFrequency.Irregular;
    public string SpatialCoverage { get; set; } = "";
    public DateOnly? TemporalFrom { get; set; }
    public DateOnly? TemporalTo { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";

    /// <summary>The 自治体標準オープンデータセット this dataset declares to follow (its slug), if any.</summary>
    public string? StandardCode { get; set; }

    /// <summary>Title, description, tags, department and standard name, normalised for search (NFKC, lower case).</summary>
    public string SearchText { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Public when set; the first publication.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>The last time a snapshot of the files went public.</summary>
    public DateTime? LastPublishedAt { get; set; }

    /// <summary>A publisher asked the DX office to publish the current files (tenants that require review).</summary>
    public DateTime? ReviewRequestedAt { get; set; }

    /// <summary>
    /// A publisher's change to a public dataset that waits for review (a <c>DatasetDraft</c> as JSON);
    /// the live fields keep what was approved until the DX office publishes.
    /// </summary>
    public string? PendingChangesJson { get; set; }

    public int Version { get; set; }

    public List<DatasetTag> Tags { get; set; } = [];
}

/// <summary>A keyword of a dataset; a row of its own so the tag facet is a GROUP BY.</summary>
public sealed class DatasetTag : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DatasetId { get; set; }
    public required string Name { get; set; }
}

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> b)
    {
        b.ToTable("OpenDatasets");
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.Title).HasMaxLength(200);
        b.Property(d => d.Description).HasMaxLength(20000);
        b.Property(d => d.Licence).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.UpdateFrequency).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.SpatialCoverage).HasMaxLength(200);
        b.Property(d => d.ContactName).HasMaxLength(100);
        b.Property(d => d.ContactEmail).HasMaxLength(254);
        b.Property(d => d.ContactPhone).HasMaxLength(30);
        b.Property(d => d.StandardCode).HasMaxLength(40);
        b.Property(d => d.SearchText).HasMaxLength(25000);
        b.Property(d => d.PendingChangesJson).HasMaxLength(30000);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        b.HasIndex(d => new { d.TenantId, d.DepartmentId });
        b.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Tags).WithOne().HasForeignKey(t => t.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DatasetTagConfiguration : IEntityTypeConfiguration<DatasetTag>
{
    public void Configure(EntityTypeBuilder<DatasetTag> b)
    {
        b.ToTable("OpenDatasetTags");
        b.Property(t => t.Name).HasMaxLength(50);
        b.HasIndex(t => new { t.DatasetId, t.Name }).IsUnique();
        b.HasIndex(t => new { t.TenantId, t.Name });
    }
}
