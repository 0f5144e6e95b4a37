using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Tenancy;

/// <summary>A municipality served by this installation.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>全国地方公共団体コード (6 digits with check digit).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Prefecture { get; set; }

    /// <summary>Optional host name served as this tenant's root (e.g. madoguchi.city.shiogama.miyagi.jp).</summary>
    public string? HostName { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Code).HasMaxLength(6);
        b.HasIndex(t => t.Code).IsUnique();
        b.HasIndex(t => t.HostName).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.NameEn).HasMaxLength(100);
        b.Property(t => t.Prefecture).HasMaxLength(20);
        b.Property(t => t.HostName).HasMaxLength(253);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
