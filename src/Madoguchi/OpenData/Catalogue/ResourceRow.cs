using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// One row of an uploaded table, normalised to UTF-8: the values as a JSON array in column order.
/// Keyed by (upload, row number) so that a page of the preview or of datastore_search is a range
/// read. Not audited: the upload that brought it is, and a million audit entries would say nothing more.
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
        b.HasOne<ResourceUpload>().WithMany().HasForeignKey(r => r.UploadId).OnDelete(DeleteBehavior.Cascade);
    }
}
