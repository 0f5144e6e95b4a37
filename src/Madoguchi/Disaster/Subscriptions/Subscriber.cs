using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>
/// A resident who receives disaster notices. Nothing is sent before the address is confirmed
/// through the link mailed to it (so nobody can subscribe a stranger); unsubscribing stops
/// everything at once, including notices already being sent.
/// </summary>
public sealed class Subscriber : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Email { get; set; }
    public NoticeLanguage Language { get; set; } = NoticeLanguage.Japanese;

    public bool ByEmail { get; set; } = true;

    /// <summary>Where the webhook channel posts (a bridge to LINE or another messaging service); null = no webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature of each webhook post; shown to the subscriber on the manage page.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>SHA-256 of the token in the confirmation / manage link.</summary>
    public required string TokenHash { get; set; }

    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }

    public bool Active => ConfirmedAt is not null && UnsubscribedAt is null;

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>An area a subscriber wants notices for.</summary>
public sealed class SubscriberArea : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid SubscriberId { get; set; }
    public Guid AreaId { get; set; }
}

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> b)
    {
        b.ToTable("DisasterSubscribers");
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.WebhookUrl).HasMaxLength(2000);
        b.Property(s => s.WebhookSecret).HasMaxLength(64);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.Language).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.TenantId, s.Email }).IsUnique();
        b.HasIndex(s => new { s.TenantId, s.TokenHash }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class SubscriberAreaConfiguration : IEntityTypeConfiguration<SubscriberArea>
{
    public void Configure(EntityTypeBuilder<SubscriberArea> b)
    {
        b.ToTable("DisasterSubscriberAreas");
        b.HasIndex(s => new { s.TenantId, s.SubscriberId, s.AreaId }).IsUnique();
        b.HasIndex(s => new { s.TenantId, s.AreaId });
        b.HasOne<Subscriber>().WithMany().HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DisasterArea>().WithMany().HasForeignKey(s => s.AreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
