namespace Madoguchi.Counter.Services;

/// <summary>
/// 国民の祝日 under 国民の祝日に関する法律 (as amended to 2018; the one-off moves of 2019–2021 for the
/// enthronement and the Olympics are out of the range this serves). Computed, so no yearly table
/// needs updating: fixed days, Happy Monday days (第n月曜日), 春分の日 and 秋分の日 by the standard
/// formula fitted to the National Astronomical Observatory's announcements (valid 1980–2099),
/// 振替休日 (a holiday on Sunday moves to the next day that is not a holiday, Art. 3(2)) and
/// 国民の休日 (a day between two holidays, Art. 3(3)).
/// </summary>
public static class JapaneseHolidays
{
    /// <summary>The holiday's name, or null when <paramref name="date"/> is not a public holiday.</summary>
    public static string? NameOf(DateOnly date)
    {
        if (Named(date) is { } name)
        {
            return name;
        }

        if (IsSubstitute(date))
        {
            return "振替休日";
        }

        // 国民の休日: a weekday (not Sunday) squeezed between two named holidays.
        if (date.DayOfWeek != DayOfWeek.Sunday && Named(date.AddDays(-1)) is not null && Named(date.AddDays(1)) is not null)
        {
            return "国民の休日";
        }

        return null;
    }

    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>Every public holiday of a year with its name, in date order.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> Of(int year)
    {
        var list = new List<(DateOnly, string)>();
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (NameOf(d) is { } name)
            {
                list.Add((d, name));
            }
        }

        return list;
    }

    // 振替休日: walk back over consecutive named holidays; if the run began on a Sunday, this day is its substitute.
    private static bool IsSubstitute(DateOnly date)
    {
        if (Named(date) is not null)
        {
            return false;
        }

        var d = date.AddDays(-1);
        while (Named(d) is not null)
        {
            if (d.DayOfWeek == DayOfWeek.Sunday)
            {
                return true;
            }

            d = d.AddDays(-1);
        }

        return false;
    }

    private static string? Named(DateOnly d) => (d.Month, d.Day) switch
    {
        (1, 1) => "元日",
        (1, _) when IsNthMonday(d, 2) => "成人の日",
        (2, 11) => "建国記念の日",
        (2, 23) => "天皇誕生日",
        (3, _) when d.Day == VernalEquinoxDay(d.Year) => "春分の日",
        (4, 29) => "昭和の日",
        (5, 3) => "憲法記念日",
        (5, 4) => "みどりの日",
        (5, 5) => "こどもの日",
        (7, _) when IsNthMonday(d, 3) => "海の日",
        (8, 11) => "山の日",
        (9, _) when IsNthMonday(d, 3) => "敬老の日",
        (9, _) when d.Day == AutumnalEquinoxDay(d.Year) => "秋分の日",
        (10, _) when IsNthMonday(d, 2) => "スポーツの日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        _ => null,
    };

    private static bool IsNthMonday(DateOnly d, int n) => d.DayOfWeek == DayOfWeek.Monday && (d.Day - 1) / 7 == n - 1;

    // The widely used approximation of the equinox day in Japan time for 1980–2099
    // (0.242194 days: the tropical year's excess over 365 days; leap-year correction by (y-1980)/4).
    private static int VernalEquinoxDay(int year) =>
        (int)(20.8431 + 0.242194 * (year - 1980)) - (year - 1980) / 4;

    private static int AutumnalEquinoxDay(int year) =>
        (int)(23.2488 + 0.242194 * (year - 1980)) - (year - 1980) / 4;

    /// <summary>年末年始 (12/29–1/3): municipal offices are closed by 地方自治法 Art. 4-2 and each municipality's 休日条例.</summary>
    public static bool IsYearEndClosure(DateOnly d) => (d.Month == 12 && d.Day >= 29) || (d.Month == 1 && d.Day <= 3);
}
