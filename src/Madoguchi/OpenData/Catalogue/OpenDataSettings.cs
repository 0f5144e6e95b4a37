using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>A municipality's open data rules; absent means the defaults (departments publish themselves).</summary>
public sealed class OpenDataSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Publishers ask; a municipality admin (the DX office) publishes.</summary>
    public bool RequireReview { get; set; }

    public int Version { get; set; }
}

internal sealed class OpenDataSettingsConfiguration : IEntityTypeConfiguration<OpenDataSettings>
{
    public void Configure(EntityTypeBuilder<OpenDataSettings> b)
    {
        b.ToTable("OpenDataSettings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
