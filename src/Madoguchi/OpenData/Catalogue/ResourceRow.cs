using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// One row of an uploaded table, normalised to UTF-8: the values as a JSON array in column order.
/// Keyed by (upload, row number) so that a page of the preview or of datastore_search is a range
/// read. The upload is referenced without a database foreign key (see the configuration). Not audited: the upload that brought it is, and a million audit entries would say nothing more.
/// </summary>
[NotAudited]
public sealed class ResourceRow : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UploadId { get; set; }
    public int RowNumber { get; set; }
    public required string Data { get; set; }
}

internal sealed class ResourceRowConfiguration : IEntityTypeConfiguration<ResourceRow>
{
    public void Configure(EntityTypeBuilder<ResourceRow> b)
    {
        b.ToTable("OpenDataRows");
        b.HasKey(r => new { r.UploadId, r.RowNumber });
        // No foreign key to the upload: a key check per row was 9 of 14.5 s of a 1,000,000-row COPY on
        // PostgreSQL (the RI trigger fires per row). Rows are written only by the ingest, for the
        // upload it has just claimed, and uploads are never deleted (every version is kept).
    }
}
