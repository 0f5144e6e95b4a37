using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Payments.Accounts;

/// <summary>
/// A municipality's own card payment account (its own Stripe merchant account): the secret key and
/// the webhook signing secret, sealed with the municipality's data key (FieldCipher), never shown
/// back; only their last four characters are kept readable. Without one, the installation's account
/// (Payments options) is used.
/// </summary>
public sealed class ProviderAccount : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string SecretKeySealed { get; set; }
    public required string SecretKeyLast4 { get; set; }
    public required string WebhookSecretSealed { get; set; }
    public required string WebhookSecretLast4 { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
    public int Version { get; set; }
}

internal sealed class ProviderAccountConfiguration : IEntityTypeConfiguration<ProviderAccount>
{
    public void Configure(EntityTypeBuilder<ProviderAccount> b)
    {
        b.ToTable("PaymentProviderAccounts");
        b.HasIndex(a => a.TenantId).IsUnique();
        b.Property(a => a.SecretKeySealed).HasMaxLength(1000);
        b.Property(a => a.WebhookSecretSealed).HasMaxLength(1000);
        b.Property(a => a.SecretKeyLast4).HasMaxLength(4);
        b.Property(a => a.WebhookSecretLast4).HasMaxLength(4);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
