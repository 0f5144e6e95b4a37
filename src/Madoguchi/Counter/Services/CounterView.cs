using Madoguchi.Counter.Reservations;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Services;

/// <summary>Reads for the counter pages: a service with its hours, and the free places of its slots on a day.</summary>
public static class CounterView
{
    public sealed record SlotView(SlotRules.Slot Slot, int Booked, int Free, bool Blocked);

    public static async Task<(CounterService? Service, List<CounterHours> Hours)> ServiceAsync(MadoguchiDb db, string code, CancellationToken ct)
    {
        var service = await db.Set<CounterService>().AsNoTracking().SingleOrDefaultAsync(s => s.Code == code && s.Active, ct);
        if (service is null)
        {
            return (null, []);
        }

        return (service, await db.Set<CounterHours>().AsNoTracking().Where(h => h.ServiceId == service.Id).ToListAsync(ct));
    }

    public static async Task<List<SlotView>> SlotsAsync(MadoguchiDb db, CounterService service, IReadOnlyCollection<CounterHours> hours, DateOnly date, CancellationToken ct)
    {
        var slots = SlotRules.SlotsOn(date, service, hours);
        if (slots.Count == 0)
        {
            return [];
        }

        var from = slots[0].StartsAtUtc;
        var to = slots[^1].StartsAtUtc;
        var loads = await db.Set<SlotLoad>().AsNoTracking()
            .Where(l => l.ServiceId == service.Id && l.StartsAt >= from && l.StartsAt <= to)
            .ToDictionaryAsync(l => l.StartsAt, ct);
        return slots.Select(s =>
        {
            var load = loads.GetValueOrDefault(s.StartsAtUtc);
            var booked = load?.Booked ?? 0;
            var blocked = load?.Blocked ?? false;
            return new SlotView(s, booked, blocked ? 0 : Math.Max(0, service.Capacity - booked), blocked);
        }).ToList();
    }

    public static string DayLabel(DateOnly date) =>
        $"{Platform.Localization.Wareki.Date(date)}（{System.Globalization.CultureInfo.CurrentUICulture.DateTimeFormat.GetShortestDayName(date.DayOfWeek)}）";
}
