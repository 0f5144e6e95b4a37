using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Mail;

public enum OutboxMailStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// A mail waiting to be sent. Written in the same transaction as the change that causes it, then
/// sent by <c>MailSender</c> workers: a worker claims a row for a short lease, so two server nodes
/// never send the same mail at once.
/// </summary>
public sealed class OutboxMail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? TenantId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public OutboxMailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime NextAttemptAt { get; set; } = DateTime.UtcNow;
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>One optional attachment (e.g. an iCalendar invitation): file name, MIME type and content.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public byte[]? Attachment { get; set; }
}

/// <summary>A file sent with a mail; small (the outbox row carries it).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.ToTable("OutboxMails");
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.TenantId);
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.AttachmentName).HasMaxLength(200);
        b.Property(m => m.AttachmentType).HasMaxLength(200);
    }
}
