using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Assisted.Desks;

/// <summary>
/// A card read waiting at a desk for the staff to take it up. Its data is sealed with the
/// municipality's key, emptied when taken, and the row removed once expired: card data is kept for
/// minutes, only until the forms that need it are filled.
/// </summary>
public sealed class CardRead : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DeskId { get; set; }

    /// <summary>The card-reader JSON, sealed (FieldCipher); empty once taken.</summary>
    public required string SealedData { get; set; }

    public DateTime ReadAt { get; set; }
    public DateTime? TakenAt { get; set; }
    public Guid? TakenBy { get; set; }
    public int Version { get; set; }
}

internal sealed class CardReadConfiguration : IEntityTypeConfiguration<CardRead>
{
    public void Configure(EntityTypeBuilder<CardRead> b)
    {
        b.ToTable("CounterCardReads");
        b.HasIndex(r => new { r.TenantId, r.DeskId, r.ReadAt });
        b.Property(r => r.SealedData).HasMaxLength(16_000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<CounterDesk>().WithMany().HasForeignKey(r => r.DeskId).OnDelete(DeleteBehavior.Cascade);
    }
}
