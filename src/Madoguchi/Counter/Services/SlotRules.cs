using Madoguchi.Platform.Localization;

namespace Madoguchi.Counter.Services;

/// <summary>
/// Which slots a service has on a day, and why a day or a time is refused. Times are Japan time
/// (Asia/Tokyo has no daylight saving, so a local time maps to exactly one instant).
/// </summary>
public static class SlotRules
{
    public sealed record Slot(DateTime StartsAtUtc, DateTime EndsAtUtc, TimeOnly LocalStart, TimeOnly LocalEnd);

    /// <summary>Why the counter is closed on a day (Japanese, used as a localization key), or null when open.</summary>
    public static string? ClosedReason(DateOnly date, IReadOnlyCollection<CounterHours> hours)
    {
        if (JapaneseHolidays.IsYearEndClosure(date))
        {
            return "年末年始（12月29日から1月3日まで）は閉庁しています。";
        }

        if (JapaneseHolidays.NameOf(date) is not null)
        {
            return "祝日は閉庁しています。";
        }

        return hours.Any(h => h.Weekday == date.DayOfWeek) ? null : "この曜日は受け付けていません。";
    }

    public static IReadOnlyList<Slot> SlotsOn(DateOnly date, CounterService service, IReadOnlyCollection<CounterHours> hours)
    {
        if (ClosedReason(date, hours) is not null || service.SlotMinutes <= 0)
        {
            return [];
        }

        var day = hours.Single(h => h.Weekday == date.DayOfWeek);
        var start = Wareki.StartOfJapanDay(date);
        var slots = new List<Slot>();
        for (var m = day.OpensAt; m + service.SlotMinutes <= day.ClosesAt; m += service.SlotMinutes)
        {
            slots.Add(new Slot(start.AddMinutes(m), start.AddMinutes(m + service.SlotMinutes),
                TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m + service.SlotMinutes))));
        }

        return slots;
    }

    /// <summary>The slot starting at <paramref name="startsAtUtc"/>, or the refusal (a Japanese message key).</summary>
    public static (Slot? Slot, string? Refusal) Find(DateTime startsAtUtc, CounterService service, IReadOnlyCollection<CounterHours> hours, DateTime nowUtc)
    {
        var local = Wareki.ToJapanTime(startsAtUtc);
        var date = DateOnly.FromDateTime(local);
        if (ClosedReason(date, hours) is { } closed)
        {
            return (null, closed);
        }

        var slot = SlotsOn(date, service, hours).FirstOrDefault(s => s.StartsAtUtc == startsAtUtc);
        if (slot is null)
        {
            return (null, "受付時間外です。表示された時間枠から選んでください。");
        }

        if (slot.StartsAtUtc <= nowUtc)
        {
            return (null, "過ぎた時間枠は予約できません。");
        }

        if (date > DateOnly.FromDateTime(Wareki.ToJapanTime(nowUtc)).AddDays(service.BookingDaysAhead))
        {
            return (null, "この日はまだ予約を受け付けていません。");
        }

        return (slot, null);
    }

    public static DateOnly TodayInJapan(DateTime nowUtc) => DateOnly.FromDateTime(Wareki.ToJapanTime(nowUtc));
}
