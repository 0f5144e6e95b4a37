using System.Security.Cryptography;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Tickets;

public enum TicketStatus
{
    Waiting = 0,
    Called = 1,
    Serving = 2,
    Completed = 3,
    Absent = 4,
}

/// <summary>
/// A numbered ticket (整理券) of one service on one day. Its timestamps are the counter's KGI data:
/// waiting time = CalledAt − IssuedAt, service time = CompletedAt − ServedAt.
/// </summary>
public sealed class QueueTicket : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }

    /// <summary>The Japan-time day the number belongs to; numbers start at 1 every day.</summary>
    public DateOnly Day { get; set; }
    public int Number { get; set; }
    public TicketStatus Status { get; set; }

    /// <summary>The window (窓口番号) that called it, shown on the board.</summary>
    public string? Window { get; set; }
    public int CallCount { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime? CalledAt { get; set; }
    public DateTime? ServedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>The reservation whose arrival issued this ticket, if any.</summary>
    public Guid? ReservationId { get; set; }

    /// <summary>The token in the ticket's QR code (the follow page); random, so numbers cannot be walked.</summary>
    public required string Token { get; set; }
    public int Version { get; set; }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The last number issued per service and day; drawn with UPDATE … SET Last = Last + 1 in the ticket's transaction.</summary>
public sealed class TicketCounter : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
}

internal sealed class QueueTicketConfiguration : IEntityTypeConfiguration<QueueTicket>
{
    public void Configure(EntityTypeBuilder<QueueTicket> b)
    {
        b.ToTable("CounterTickets");
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(t => t.Window).HasMaxLength(20);
        b.Property(t => t.Token).HasMaxLength(32);
        b.HasIndex(t => new { t.TenantId, t.ServiceId, t.Day, t.Number }).IsUnique();
        b.HasIndex(t => t.Token).IsUnique();
        b.HasIndex(t => new { t.TenantId, t.ReservationId }).IsUnique();
        b.HasOne<CounterService>().WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TicketCounterConfiguration : IEntityTypeConfiguration<TicketCounter>
{
    public void Configure(EntityTypeBuilder<TicketCounter> b)
    {
        b.ToTable("CounterTicketCounters");
        b.HasIndex(c => new { c.TenantId, c.ServiceId, c.Day }).IsUnique();
        b.HasOne<CounterService>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
