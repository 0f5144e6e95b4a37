using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Open311;

/// <summary>
/// A client application allowed to POST requests through Open311. The api_key is shown once when
/// issued; only its SHA-256 is kept (a long random key needs no slow hash).
/// </summary>
public sealed class Open311Client : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
    public int Version { get; set; }

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => c.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
