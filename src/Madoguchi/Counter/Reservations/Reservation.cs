using System.Security.Cryptography;
using System.Text;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Reservations;

public enum ReservationStatus
{
    Booked = 0,
    Arrived = 1,
    NoShow = 2,
    Cancelled = 3,
}

/// <summary>
/// A resident's booking of one slot. It holds one place of the slot's <see cref="SlotLoad"/> while
/// Booked or Arrived; cancelling gives the place back in the same transaction.
/// </summary>
public sealed class Reservation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }

    /// <summary>The signed-in resident who booked, or null when booked with a verified e-mail address.</summary>
    public Guid? ResidentId { get; set; }
    public ReservationStatus Status { get; set; }

    /// <summary>SHA-256 of the token in the change/cancel link; the token itself is only in the resident's mail.</summary>
    public required string TokenHash { get; set; }

    /// <summary>Makes a repeated request (the same confirmation link posted twice) book once.</summary>
    public required string RequestKey { get; set; }

    /// <summary>A short number the resident can quote at the counter or on the phone.</summary>
    public required string Reference { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public DateTime? ArrivedAt { get; set; }
    public DateTime? ReminderQueuedAt { get; set; }
    public int Version { get; set; }

    public bool HoldsPlace => Status is ReservationStatus.Booked or ReservationStatus.Arrived;

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.ToTable("CounterReservations");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.Property(r => r.RequestKey).HasMaxLength(80);
        b.Property(r => r.Reference).HasMaxLength(20);
        b.Property(r => r.CancelledBy).HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(r => r.TokenHash).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.RequestKey }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.Reference }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.ServiceId, r.StartsAt });
        b.HasIndex(r => new { r.Status, r.StartsAt });
        b.HasOne<CounterService>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
