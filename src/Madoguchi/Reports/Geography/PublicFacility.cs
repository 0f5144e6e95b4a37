using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// A public place (公園, 学校, 支所 …) a resident can choose from a list to say where the problem is:
/// the way to give a location without a map, for screen readers and without JavaScript.
/// </summary>
public sealed class PublicFacility : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public string Address { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

internal sealed class PublicFacilityConfiguration : IEntityTypeConfiguration<PublicFacility>
{
    public void Configure(EntityTypeBuilder<PublicFacility> b)
    {
        b.HasIndex(f => new { f.TenantId, f.Name }).IsUnique();
        b.Property(f => f.Name).HasMaxLength(100);
        b.Property(f => f.Address).HasMaxLength(200);
        b.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
