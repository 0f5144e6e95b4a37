using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// <see cref="Size"/> consecutive rows of an uploaded table, normalised to UTF-8, stored as one
/// database row: <see cref="Data"/> is a JSON array of the rows, each a JSON array of strings in
/// column order (Japanese kept as characters). Rows are numbered 1, 2, 3 … without gaps, so block k
/// holds rows k·Size+1 … k·Size+Size (the last block fewer) and a row's block is known without a
/// lookup. Keyed by (upload, first row): a page of the preview or of datastore_search is a range
/// read of a few blocks.
/// Why blocks and not one database row per table row: at 1,000,000 rows the per-row cost of the
/// database (one B-tree entry, one bound statement or COPY tuple) was most of the ingest time
/// (docs/benchmarks.md); a block costs it once for <see cref="Size"/> rows.
/// The upload is referenced without a database foreign key (see the configuration). Not audited:
/// the upload that brought it is, and a million audit entries would say nothing more.
/// </summary>
[NotAudited]
public sealed class ResourceRowBlock : ITenantOwned
{
    /// <summary>
    /// Rows per block. Small enough that a block stays under PostgreSQL's TOAST threshold (about
    /// 2 kB) for short rows and that reading one row costs little; large enough that the database's
    /// per-row cost disappears. Stored tables depend on it: changing it needs a migration that
    /// re-blocks them.
    /// </summary>
    public const int Size = 16;

    public Guid TenantId { get; set; }
    public Guid UploadId { get; set; }

    /// <summary>Number of the block's first row (1, Size+1, 2·Size+1 …).</summary>
    public int FirstRow { get; set; }

    public int RowCount { get; set; }
    public required string Data { get; set; }

    /// <summary>The first row of the block that holds the row.</summary>
    public static int FirstRowOf(int row) => (row - 1) / Size * Size + 1;
}

internal sealed class ResourceRowBlockConfiguration : IEntityTypeConfiguration<ResourceRowBlock>
{
    public void Configure(EntityTypeBuilder<ResourceRowBlock> b)
    {
        b.ToTable("OpenDataRowBlocks");
        b.HasKey(r => new { r.UploadId, r.FirstRow });
        // No foreign key to the upload: a key check per row was 9 of 14.5 s of a 1,000,000-row COPY on
        // PostgreSQL (the RI trigger fires per row). Rows are written only by the ingest, for the
        // upload it has just claimed, and uploads are never deleted (every version is kept).
    }
}
