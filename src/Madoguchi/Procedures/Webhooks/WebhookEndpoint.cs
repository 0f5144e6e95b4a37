using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>
/// A core system that wants to hear of every status change of the municipality's applications
/// (optionally one department's). The signing secret is shown once when created and kept encrypted
/// with the installation's data-protection keys: it must be readable to sign, so it cannot be hashed.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Url { get; set; }
    public required string Description { get; set; }
    public Guid? DepartmentId { get; set; }
    public required string SecretCipher { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? DisabledAt { get; set; }
    public int Version { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("WebhookEndpoints");
        b.HasIndex(e => new { e.TenantId, e.DisabledAt });
        b.Property(e => e.Url).HasMaxLength(500);
        b.Property(e => e.Description).HasMaxLength(100);
        b.Property(e => e.SecretCipher).HasMaxLength(1000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
