using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Api;

/// <summary>
/// A core system allowed to read the municipality's applications through the API, optionally only
/// one department's. Its key is shown once and kept as a SHA-256 hash: keys are 256 random bits, so
/// a fast hash is enough (nothing to guess), and lookups stay one indexed read per request.
/// </summary>
public sealed class ApiClient : ITenantOwned
{
    public const string KeyPrefix = "mdg_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public Guid? DepartmentId { get; set; }

    /// <summary>May post decisions (承認・不承認) in the name of an approver of the department; reading only otherwise.</summary>
    public bool MayDecide { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
    public int Version { get; set; }

    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("ApiClients");
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => new { c.TenantId, c.Name });
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
