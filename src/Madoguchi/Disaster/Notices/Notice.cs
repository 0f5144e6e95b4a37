using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster.Notices;

/// <summary>警戒レベル of the 避難情報に関するガイドライン (内閣府), and the lifting of an order.</summary>
public enum NoticeLevel
{
    /// <summary>警戒レベル3 高齢者等避難</summary>
    Level3 = 3,
    /// <summary>警戒レベル4 避難指示</summary>
    Level4 = 4,
    /// <summary>警戒レベル5 緊急安全確保</summary>
    Level5 = 5,
    /// <summary>解除</summary>
    Lifted = 9,
}

public enum NoticeStatus
{
    /// <summary>Written, waiting for the second person's approval.</summary>
    AwaitingApproval = 1,
    /// <summary>Fanned out to the outbox; the dispatcher delivers it.</summary>
    Sending = 2,
    /// <summary>Withdrawn before sending.</summary>
    Withdrawn = 3,
}

/// <summary>An evacuation notice: its level, target areas and text per language.</summary>
public sealed class Notice : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public NoticeLevel Level { get; set; }
    public NoticeStatus Status { get; set; } = NoticeStatus.AwaitingApproval;
    public required string Title { get; set; }
    public required string BodyJapanese { get; set; }
    public string? BodyEasyJapanese { get; set; }
    public string? BodyEnglish { get; set; }
    public Guid ComposedBy { get; set; }
    public required string ComposedByName { get; set; }
    public Guid? ApprovedBy { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the fan-out committed (every recipient queued).</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Recipients queued by the fan-out (per channel).</summary>
    public int Queued { get; set; }

    /// <summary>Scheme and host the links in its messages use (the public base URL, else the approving request's).</summary>
    public string LinkBase { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>A target area of a notice.</summary>
public sealed class NoticeArea : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid NoticeId { get; set; }
    public Guid AreaId { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("DisasterNotices");
        b.Property(n => n.Level).HasConversion<string>().HasMaxLength(10);
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Title).HasMaxLength(100);
        b.Property(n => n.BodyJapanese).HasMaxLength(2000);
        b.Property(n => n.BodyEasyJapanese).HasMaxLength(2000);
        b.Property(n => n.BodyEnglish).HasMaxLength(4000);
        b.Property(n => n.ComposedByName).HasMaxLength(100);
        b.Property(n => n.ApprovedByName).HasMaxLength(100);
        b.Property(n => n.LinkBase).HasMaxLength(300);
        b.HasIndex(n => new { n.TenantId, n.CreatedAt });
        b.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(n => n.Version).IsConcurrencyToken();
    }
}

internal sealed class NoticeAreaConfiguration : IEntityTypeConfiguration<NoticeArea>
{
    public void Configure(EntityTypeBuilder<NoticeArea> b)
    {
        b.ToTable("DisasterNoticeAreas");
        b.HasIndex(a => new { a.TenantId, a.NoticeId, a.AreaId }).IsUnique();
        b.HasOne<Notice>().WithMany().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DisasterArea>().WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
