using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Tickets;

/// <summary>The kiosk at the entrance: one button per service draws the next number of the day.</summary>
[EnableRateLimiting(CounterModule.TicketRateLimit)]
public sealed class KioskModel(MadoguchiDb db, TicketDesk desk, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Department, int Waiting);

    public IReadOnlyList<Row> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid serviceId, CancellationToken ct)
    {
        var (ticket, refusal) = await desk.IssueAsync(serviceId, null, ct);
        if (ticket is null)
        {
            ModelState.AddModelError("", l[refusal!]);
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/{RouteData.Values["tenant"]}/counter/tickets/{ticket.Token}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = SlotRules.TodayInJapan(time.GetUtcNow().UtcDateTime);
        Services = await db.Set<CounterService>().Where(s => s.Active)
            .Join(db.Departments, s => s.DepartmentId, d => d.Id, (s, d) => new { s, d })
            .OrderBy(x => x.d.SortOrder).ThenBy(x => x.s.SortOrder).ThenBy(x => x.s.Name)
            .Select(x => new Row(x.s.Id, x.s.Name, x.d.Name,
                db.Set<QueueTicket>().Count(t => t.ServiceId == x.s.Id && t.Day == today && t.Status == TicketStatus.Waiting)))
            .ToListAsync(ct);
    }
}
