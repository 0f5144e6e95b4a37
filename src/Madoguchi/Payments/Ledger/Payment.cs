using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Payments.Ledger;

public enum PaymentProvider
{
    /// <summary>Card payment online through the Stripe API.</summary>
    Stripe = 0,
    /// <summary>A cashless terminal at the counter; staff record its transaction.</summary>
    CounterTerminal = 1,
}

public enum PaymentStatus
{
    /// <summary>Created here; the provider has not answered yet (or its answer was lost: retried with the same key).</summary>
    Pending = 0,
    /// <summary>The resident is on the provider's hosted page (card entry, 3-D Secure).</summary>
    RequiresAction = 1,
    Succeeded = 2,
    Failed = 3,
    Canceled = 4,
}

/// <summary>
/// One attempt to pay an application's fee. Unique per (application, attempt), per idempotency key
/// of our own pay endpoint and per provider transaction, so a double click, a replayed POST or a
/// webhook that arrives twice can never make a second charge or a second record.
/// </summary>
public sealed class Payment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The application paid for (Procedures module); kept even when the application is gone.</summary>
    public Guid ApplicationId { get; set; }

    public int Attempt { get; set; }

    /// <summary>The key the pay form carried (one per page load): a repeated post finds this row.</summary>
    public Guid IdempotencyKey { get; set; }

    public Guid? ResidentId { get; set; }
    public Guid DepartmentId { get; set; }
    public required string FeeItem { get; set; }

    /// <summary>Integer yen, computed on the server when the attempt was made.</summary>
    public long AmountYen { get; set; }

    /// <summary>Refunded so far; never more than <see cref="AmountYen"/> (checked in the same UPDATE that raises it).</summary>
    public long RefundedYen { get; set; }

    public PaymentProvider Provider { get; set; }

    /// <summary>The provider's id: a PaymentIntent (pi_…) or the terminal's transaction id.</summary>
    public string? ProviderPaymentId { get; set; }

    /// <summary>Made with the municipality's own provider account (else the installation's): refunds and look-ups use the same one.</summary>
    public bool OnOwnAccount { get; set; }

    /// <summary>The provider's Checkout Session (cs_…) where the resident enters the card; one per online attempt.</summary>
    public string? CheckoutSessionId { get; set; }

    /// <summary>How it was paid: card, or at the counter クレジットカード / 電子マネー / QRコード決済.</summary>
    public string? Method { get; set; }

    public string? TerminalId { get; set; }
    public PaymentStatus Status { get; set; }
    public string? FailureMessage { get; set; }

    /// <summary>Set when the money arrived for an application that no longer exists and was refunded without staff.</summary>
    public string? AutoRefundReason { get; set; }

    /// <summary>The member of staff who recorded a counter payment.</summary>
    public Guid? RecordedBy { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? PaidAt { get; set; }
    public int Version { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("Payments");
        b.HasIndex(p => new { p.TenantId, p.ApplicationId, p.Attempt }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.IdempotencyKey }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.Provider, p.ProviderPaymentId }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.CheckoutSessionId }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.ResidentId, p.CreatedAt });
        b.HasIndex(p => new { p.TenantId, p.Status, p.PaidAt });
        b.Property(p => p.FeeItem).HasMaxLength(200);
        b.Property(p => p.ProviderPaymentId).HasMaxLength(100);
        b.Property(p => p.CheckoutSessionId).HasMaxLength(100);
        b.Property(p => p.Method).HasMaxLength(40);
        b.Property(p => p.TerminalId).HasMaxLength(40);
        b.Property(p => p.FailureMessage).HasMaxLength(400);
        b.Property(p => p.AutoRefundReason).HasMaxLength(400);
        b.Property(p => p.Provider).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
