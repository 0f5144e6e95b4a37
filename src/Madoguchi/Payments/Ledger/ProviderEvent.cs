using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Payments.Ledger;

/// <summary>
/// A webhook event taken in. Its unique event id is the guard against a delivery that arrives twice
/// (the provider retries until it sees a 2xx): the second insert fails and nothing changes again.
/// </summary>
public sealed class ProviderEvent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public Guid? PaymentId { get; set; }

    /// <summary>When the provider made it (its <c>created</c>), to tell late events from new ones.</summary>
    public DateTime CreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; } = DateTime.UtcNow;

    /// <summary>What it changed, e.g. "Succeeded" or "no change (already Succeeded)".</summary>
    public required string Outcome { get; set; }
}

internal sealed class ProviderEventConfiguration : IEntityTypeConfiguration<ProviderEvent>
{
    public void Configure(EntityTypeBuilder<ProviderEvent> b)
    {
        b.ToTable("PaymentProviderEvents");
        b.HasIndex(e => new { e.TenantId, e.EventId }).IsUnique();
        b.Property(e => e.EventId).HasMaxLength(100);
        b.Property(e => e.Type).HasMaxLength(80);
        b.Property(e => e.Outcome).HasMaxLength(200);
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
