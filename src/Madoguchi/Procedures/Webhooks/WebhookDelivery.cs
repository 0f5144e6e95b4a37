using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// One event for one endpoint, written in the transaction of the status change it reports (an
/// outbox). The payload is fixed then, so every retry sends the same bytes under the same
/// webhook-id. Delivery bookkeeping (claims, attempts) is not audited: the status change itself is.
/// </summary>
[NotAudited]
public sealed class WebhookDelivery : ITenantOwned
{
    /// <summary>Also the <c>webhook-id</c> header: receivers de-duplicate on it.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid EndpointId { get; set; }
    public Guid ApplicationId { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime NextAttemptAt { get; set; } = DateTime.UtcNow;
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.TenantId, d.EndpointId, d.CreatedAt });
        b.Property(d => d.EventType).HasMaxLength(60);
        b.Property(d => d.Payload).HasMaxLength(2000);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(d => d.LastError).HasMaxLength(2000);
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
