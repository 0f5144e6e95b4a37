using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Payments.Ledger;

public enum RefundStatus
{
    /// <summary>Asked for by a member of staff; waits for a second one's approval.</summary>
    Requested = 0,
    /// <summary>Approved and sent to the provider (or, at the counter, paid back in cash).</summary>
    Succeeded = 1,
    /// <summary>Refused by the approver.</summary>
    Declined = 2,
    /// <summary>The provider refused it; the amount is free to refund again.</summary>
    Failed = 3,
}

/// <summary>A refund (返金), whole or partial, with its reason, requester and approver (two different members of staff).</summary>
public sealed class Refund : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PaymentId { get; set; }
    public long AmountYen { get; set; }
    public required string Reason { get; set; }
    public RefundStatus Status { get; set; }

    /// <summary>Null for the automatic refund of a payment whose application is gone.</summary>
    public Guid? RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; } = DateTime.UtcNow;
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? ProviderRefundId { get; set; }
    public string? FailureMessage { get; set; }
    public int Version { get; set; }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("PaymentRefunds");
        b.HasIndex(r => new { r.TenantId, r.PaymentId });
        b.HasIndex(r => new { r.TenantId, r.Status });
        b.Property(r => r.Reason).HasMaxLength(400);
        b.Property(r => r.ProviderRefundId).HasMaxLength(100);
        b.Property(r => r.FailureMessage).HasMaxLength(400);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
