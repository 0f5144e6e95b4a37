using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>A 地区 or 町名 that residents subscribe to and notices target; kept by 危機管理課.</summary>
public sealed class DisasterArea : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Retired areas keep their history but are no longer offered.</summary>
    public bool Active { get; set; } = true;

    public int Version { get; set; }
}

internal sealed class DisasterAreaConfiguration : IEntityTypeConfiguration<DisasterArea>
{
    public void Configure(EntityTypeBuilder<DisasterArea> b)
    {
        b.ToTable("DisasterAreas");
        b.Property(a => a.Name).HasMaxLength(60);
        b.Property(a => a.NameEn).HasMaxLength(100);
        b.HasIndex(a => new { a.TenantId, a.Name }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
