using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Identity.Signatures;

/// <summary>
/// One signing with the デジタル認証アプリ in progress: the service's sign_transaction_id, the
/// digest it carries, and the state and PKCE verifier of the authorization request. It is used
/// once: a callback that comes back for a completed or expired transaction is refused (replay).
/// </summary>
public sealed class SignTransaction : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ResidentId { get; set; }

    /// <summary>sign_transaction_id issued by the service.</summary>
    public required string ServiceTransactionId { get; set; }
    public required string DocumentSha256 { get; set; }
    public required string State { get; set; }
    public required string Nonce { get; set; }
    public required string CodeVerifier { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class SignTransactionConfiguration : IEntityTypeConfiguration<SignTransaction>
{
    public void Configure(EntityTypeBuilder<SignTransaction> b)
    {
        b.ToTable("SignTransactions");
        b.HasIndex(t => t.State).IsUnique();
        b.HasIndex(t => t.ServiceTransactionId).IsUnique();
        b.HasIndex(t => new { t.TenantId, t.ApplicationId });
        b.Property(t => t.ServiceTransactionId).HasMaxLength(100);
        b.Property(t => t.DocumentSha256).HasMaxLength(64);
        b.Property(t => t.State).HasMaxLength(64);
        b.Property(t => t.Nonce).HasMaxLength(64);
        b.Property(t => t.CodeVerifier).HasMaxLength(128);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
