using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Staff;

/// <summary>
/// An invitation mailed to a future member of staff. Only the SHA-256 of the link's token is kept,
/// so a copy of the database cannot be used to accept it. Deleted once accepted (the audit trail
/// keeps its history).
/// </summary>
public sealed class StaffInvitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public StaffRoleKind Role { get; set; }
    public Guid? DepartmentId { get; set; }
    public required string TokenHash { get; set; }
    public Guid InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime ExpiresAt { get; set; }
    public int Version { get; set; }

    public static string NewToken() => Base64UrlToken(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> b)
    {
        // One pending invitation per address and municipality: a double submit cannot mail twice.
        b.HasIndex(i => new { i.TenantId, i.Email }).IsUnique();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.DisplayName).HasMaxLength(100);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
