using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// Someone mailed on each change of a report: the reporter, or a resident who follows it. Mail goes
/// only to confirmed addresses (confirmed by a link, or the signed-in resident's verified address),
/// so nobody can subscribe a stranger. Never shown publicly.
/// </summary>
public sealed class ReportFollower : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ReportId { get; set; }
    public required string Email { get; set; }
    public bool IsReporter { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>SHA-256 of the token in the confirmation and 直っていない links.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed class ReportFollowerConfiguration : IEntityTypeConfiguration<ReportFollower>
{
    public void Configure(EntityTypeBuilder<ReportFollower> b)
    {
        b.Property(f => f.Email).HasMaxLength(320);
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.HasIndex(f => new { f.TenantId, f.ReportId, f.Email }).IsUnique();
        b.HasIndex(f => new { f.TenantId, f.TokenHash }).IsUnique();
        b.HasOne<Report>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Version).IsConcurrencyToken();
    }
}
