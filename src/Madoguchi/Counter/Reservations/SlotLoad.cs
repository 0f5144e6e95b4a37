using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// How many places of one slot are taken, and whether staff blocked it. The database is the guard
/// against overbooking: a booking takes a place with one conditional
/// <c>UPDATE … SET Booked = Booked + 1 WHERE Booked &lt; capacity AND NOT Blocked</c> in the same
/// transaction as its reservation row, so however many requests race, at most capacity succeed.
/// Those increments bypass SaveChanges (the reservation row they go with is audited); blocking a
/// slot is a tracked change and audited.
/// </summary>
public sealed class SlotLoad : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }
    public DateTime StartsAt { get; set; }
    public int Booked { get; set; }
    public bool Blocked { get; set; }
}

internal sealed class SlotLoadConfiguration : IEntityTypeConfiguration<SlotLoad>
{
    public void Configure(EntityTypeBuilder<SlotLoad> b)
    {
        b.ToTable("CounterSlotLoads");
        b.HasIndex(s => new { s.TenantId, s.ServiceId, s.StartsAt }).IsUnique();
        b.HasOne<CounterService>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
