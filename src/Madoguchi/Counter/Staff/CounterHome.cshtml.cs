using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Services;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Staff;

/// <summary>The counter services this member of staff runs, with today's bookings and queue.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class CounterHomeModel(MadoguchiDb db, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Code, string Name, string Department, bool Active, int BookedToday, int WaitingToday);

    public IReadOnlyList<Row> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = CounterScope.Of(User);
        var all = scope.All;
        var departments = scope.Departments.ToList();
        var today = SlotRules.TodayInJapan(time.GetUtcNow().UtcDateTime);
        var from = Wareki.StartOfJapanDay(today);
        var to = Wareki.StartOfJapanDay(today.AddDays(1));
        Services = await db.Set<CounterService>().Where(s => all || departments.Contains(s.DepartmentId))
            .Join(db.Departments, s => s.DepartmentId, d => d.Id, (s, d) => new { s, d })
            .OrderBy(x => x.d.SortOrder).ThenBy(x => x.s.SortOrder).ThenBy(x => x.s.Name)
            .Select(x => new Row(x.s.Id, x.s.Code, x.s.Name, x.d.Name, x.s.Active,
                db.Set<Reservation>().Count(r => r.ServiceId == x.s.Id && r.StartsAt >= from && r.StartsAt < to && r.Status != ReservationStatus.Cancelled),
                db.Set<QueueTicket>().Count(t => t.ServiceId == x.s.Id && t.Day == today && t.Status == TicketStatus.Waiting)))
            .ToListAsync(ct);
    }
}
