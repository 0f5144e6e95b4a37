using System.Globalization;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Counter.Reservations;

/// <summary>A week of a service: which days are closed (and why) and how many slots are free.</summary>
public sealed class WeekModel(MadoguchiDb db, TimeProvider time) : PageModel
{
    public sealed record DayRow(DateOnly Date, string? Closed, string? Holiday, int Free);

    public CounterService Service { get; private set; } = null!;
    public DateOnly From { get; private set; }
    public DateOnly? Previous { get; private set; }
    public DateOnly? Next { get; private set; }
    public IReadOnlyList<DayRow> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string service, string? from, CancellationToken ct)
    {
        var (found, hours) = await CounterView.ServiceAsync(db, service, ct);
        if (found is null || !found.Reservable)
        {
            return NotFound();
        }

        Service = found;
        var now = time.GetUtcNow().UtcDateTime;
        var today = SlotRules.TodayInJapan(now);
        var last = today.AddDays(found.BookingDaysAhead);
        From = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) && f >= today && f <= last ? f : today;
        Previous = From > today ? (From.AddDays(-7) < today ? today : From.AddDays(-7)) : null;
        Next = From.AddDays(7) <= last ? From.AddDays(7) : null;
        var days = new List<DayRow>();
        for (var d = From; d < From.AddDays(7) && d <= last; d = d.AddDays(1))
        {
            var closed = SlotRules.ClosedReason(d, hours);
            var free = closed is null
                ? (await CounterView.SlotsAsync(db, found, hours, d, ct)).Count(s => s.Slot.StartsAtUtc > now && s.Free > 0)
                : 0;
            days.Add(new DayRow(d, closed, JapaneseHolidays.NameOf(d), free));
        }

        Days = days;
        return Page();
    }
}
