using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Tokens;

/// <summary>
/// A publisher's personal token for the CKAN write API. Only its SHA-256 is stored (the token is
/// shown once); it acts for one department of its municipality (or all of them when its owner is
/// a municipality admin) and only while its owner still holds that role.
/// </summary>
public sealed class ApiToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid StaffUserId { get; set; }

    /// <summary>The department it may publish for; null: every department (made by an admin).</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>What its owner calls it (e.g. "公開用スクリプト").</summary>
    public required string Label { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex: tokens are long random values, so a plain hash is enough.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters, so its owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("OpenDataApiTokens");
        b.Property(t => t.Label).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.TenantId, t.StaffUserId });
        b.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
