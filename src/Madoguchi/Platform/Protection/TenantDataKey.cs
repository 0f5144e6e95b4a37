using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// A municipality's data key (AES-256), stored only wrapped by a master key. The newest generation
/// encrypts; older ones stay to decrypt what they encrypted (each ciphertext names its key).
/// </summary>
public sealed class TenantDataKey : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public int Generation { get; set; }

    /// <summary>The master key that wraps it (a line of the master key file).</summary>
    public required string MasterKeyId { get; set; }

    /// <summary>Nonce, tag and ciphertext of the data key under the master key (the audit trail masks it).</summary>
    public required byte[] WrappedKey { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class TenantDataKeyConfiguration : IEntityTypeConfiguration<TenantDataKey>
{
    public void Configure(EntityTypeBuilder<TenantDataKey> b)
    {
        b.ToTable("TenantDataKeys");
        // The unique index settles two nodes creating a municipality's first key at once.
        b.HasIndex(k => new { k.TenantId, k.Generation }).IsUnique();
        b.Property(k => k.MasterKeyId).HasMaxLength(60);
        b.Property(k => k.WrappedKey).HasMaxLength(60);
        b.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
