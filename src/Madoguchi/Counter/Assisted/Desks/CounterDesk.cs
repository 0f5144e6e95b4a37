using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Assisted.Desks;

/// <summary>
/// A counter position (窓口の端末) of a department with a card reader. Its card-reader client posts
/// the card's face data with the desk's key; only staff of the department take the reads up. The key
/// is shown once and kept as a SHA-256 hash (256 random bits: nothing to guess, one indexed read).
/// </summary>
public sealed class CounterDesk : ITenantOwned
{
    public const string KeyPrefix = "mcd_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DepartmentId { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
    public int Version { get; set; }

    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed class CounterDeskConfiguration : IEntityTypeConfiguration<CounterDesk>
{
    public void Configure(EntityTypeBuilder<CounterDesk> b)
    {
        b.ToTable("CounterDesks");
        b.HasIndex(d => d.KeyHash).IsUnique();
        b.HasIndex(d => new { d.TenantId, d.DepartmentId, d.Name });
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.KeyHash).HasMaxLength(64);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
