using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// The newest entry of each chain, written in the same transaction as the entry. Without it,
/// deleting the last entries of a chain would leave a shorter chain that still verifies.
/// </summary>
public sealed class AuditHead
{
    public Guid ChainId { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.HasKey(h => h.ChainId);
        b.Property(h => h.Hash).HasMaxLength(64);
    }
}
