using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Geography;

/// <summary>The municipality's area as a GeoJSON Polygon or MultiPolygon; a reported point outside it is refused.</summary>
public sealed class ReportArea : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string GeoJson { get; set; }
    public int Version { get; set; }
}

internal sealed class ReportAreaConfiguration : IEntityTypeConfiguration<ReportArea>
{
    public void Configure(EntityTypeBuilder<ReportArea> b)
    {
        b.HasIndex(a => a.TenantId).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
