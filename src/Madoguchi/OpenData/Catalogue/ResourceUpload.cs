using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

public enum UploadState
{
    /// <summary>Stored; waiting for the ingest worker.</summary>
    Queued = 1,
    Ingesting = 2,
    /// <summary>Read and checked without errors (warnings allowed): may be published.</summary>
    Passed = 3,
    /// <summary>Errors found: kept for the report and history, never published.</summary>
    Failed = 4,
}

/// <summary>
/// One upload of a resource: the original file as received (kept for download), what ingest found
/// (encoding, columns, rows, problems) and its number in the resource's history.
/// </summary>
public sealed class ResourceUpload : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ResourceId { get; set; }

    /// <summary>1, 2, 3 … per resource.</summary>
    public int Number { get; set; }

    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>
    /// SHA-1 of the original file, hex: DCAT-AP 2.1.1's spdx:checksum allows only SHA-1. Computed with
    /// the SHA-256 when the file is stored; null for uploads stored before it was kept (no checksum then).
    /// </summary>
    public string? Sha1 { get; set; }

    public UploadState State { get; set; } = UploadState.Queued;

    /// <summary>How many bytes of the file ingest has read (progress bar).</summary>
    public long ProcessedBytes { get; set; }

    /// <summary>Detected text encoding of a CSV: utf-8, utf-8-bom or shift_jis.</summary>
    public string? Encoding { get; set; }

    /// <summary>Column names of the normalised table, as a JSON array.</summary>
    public string? ColumnsJson { get; set; }

    public int? RowCount { get; set; }

    /// <summary>Rows of the previously passed upload of the same resource (diff shown in history).</summary>
    public int? PreviousRowCount { get; set; }

    public int ErrorCount { get; set; }
    public int WarningCount { get; set; }

    /// <summary>The report: up to <see cref="Ingest.IngestReport.MaxStored"/> problems as JSON.</summary>
    public string ProblemsJson { get; set; } = "[]";

    public string UploadedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }

    /// <summary>A worker holds the upload until then; another node takes it over after a crash.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>
    /// When the value index of every column of a passed table was complete (built in the background
    /// right after ingest; from then on every equality filter is an index read). Null while it is
    /// being built, and for files that are not tables.
    /// </summary>
    public DateTime? IndexedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class ResourceUploadConfiguration : IEntityTypeConfiguration<ResourceUpload>
{
    public void Configure(EntityTypeBuilder<ResourceUpload> b)
    {
        b.ToTable("OpenDataUploads");
        b.Property(u => u.FileName).HasMaxLength(255);
        b.Property(u => u.ContentType).HasMaxLength(100);
        b.Property(u => u.Sha256).HasMaxLength(64);
        b.Property(u => u.Sha1).HasMaxLength(40);
        b.Property(u => u.State).HasConversion<string>().HasMaxLength(10);
        b.Property(u => u.Encoding).HasMaxLength(20);
        b.Property(u => u.UploadedBy).HasMaxLength(200);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => new { u.ResourceId, u.Number }).IsUnique();
        b.HasIndex(u => new { u.State, u.CreatedAt });
        b.HasOne<DatasetResource>().WithMany().HasForeignKey(u => u.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
