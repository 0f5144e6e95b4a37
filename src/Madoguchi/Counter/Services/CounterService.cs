using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Services;

/// <summary>
/// A counter service of a department (e.g. 市民課 住民異動, 証明書発行): what residents book and draw
/// numbered tickets for. Its opening hours are <see cref="CounterHours"/> rows, one per weekday.
/// </summary>
public sealed class CounterService : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DepartmentId { get; set; }

    /// <summary>Short name in URLs (lower-case letters, digits, hyphens), unique in the municipality.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Length of one reservation slot in minutes.</summary>
    public int SlotMinutes { get; set; } = 30;

    /// <summary>Reservations one slot takes (the number of staff seats serving reservations).</summary>
    public int Capacity { get; set; } = 2;

    /// <summary>How far ahead residents may book, in days.</summary>
    public int BookingDaysAhead { get; set; } = 60;

    /// <summary>Whether residents can book online; tickets are issued either way while the service is active.</summary>
    public bool Reservable { get; set; } = true;
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }
}

/// <summary>Opening hours of a service on one weekday, in minutes after midnight Japan time; a missing weekday is closed.</summary>
public sealed class CounterHours : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }
    public DayOfWeek Weekday { get; set; }
    public int OpensAt { get; set; }
    public int ClosesAt { get; set; }
}

internal sealed class CounterServiceConfiguration : IEntityTypeConfiguration<CounterService>
{
    public void Configure(EntityTypeBuilder<CounterService> b)
    {
        b.ToTable("CounterServices");
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(80);
        b.Property(s => s.NameEn).HasMaxLength(120);
        b.Property(s => s.Description).HasMaxLength(1000);
        b.HasIndex(s => new { s.TenantId, s.Code }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class CounterHoursConfiguration : IEntityTypeConfiguration<CounterHours>
{
    public void Configure(EntityTypeBuilder<CounterHours> b)
    {
        b.ToTable("CounterHours");
        b.HasIndex(h => new { h.TenantId, h.ServiceId, h.Weekday }).IsUnique();
        b.HasOne<CounterService>().WithMany().HasForeignKey(h => h.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
