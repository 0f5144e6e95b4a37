using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// One recorded state change. Entries of one chain (a tenant, or the platform) are numbered without
/// gaps and each carries the SHA-256 of its content and of the previous entry's hash, so an altered,
/// inserted or deleted row breaks the chain (see <see cref="AuditVerifier"/>).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The tenant id, or <see cref="Guid.Empty"/> for platform-level changes.</summary>
    public Guid ChainId { get; set; }
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public string? Address { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Changes { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => new { e.ChainId, e.Sequence }).IsUnique();
        b.HasIndex(e => new { e.ChainId, e.EntityType, e.EntityId });
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.Address).HasMaxLength(64);
        b.Property(e => e.Action).HasMaxLength(20);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(200);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}
