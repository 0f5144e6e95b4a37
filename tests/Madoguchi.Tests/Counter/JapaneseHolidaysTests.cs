using Madoguchi.Counter.Services;

namespace Madoguchi.Tests.Counter;

/// <summary>The computed holidays against the Cabinet Office's published list (内閣府「国民の祝日について」) for 2024–2027.</summary>
public sealed class JapaneseHolidaysTests
{
    // Copied from the Cabinet Office's list (syukujitsu.csv) by hand: date and name.
    public static readonly TheoryData<int, string[]> Published = new()
    {
        { 2024, ["01-01 元日", "01-08 成人の日", "02-11 建国記念の日", "02-12 振替休日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-15 海の日", "08-11 山の日", "08-12 振替休日",
                 "09-16 敬老の日", "09-22 秋分の日", "09-23 振替休日", "10-14 スポーツの日", "11-03 文化の日", "11-04 振替休日", "11-23 勤労感謝の日"] },
        { 2025, ["01-01 元日", "01-13 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "02-24 振替休日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-21 海の日", "08-11 山の日", "09-15 敬老の日",
                 "09-23 秋分の日", "10-13 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日", "11-24 振替休日"] },
        { 2026, ["01-01 元日", "01-12 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日", "05-03 憲法記念日",
                 "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-20 海の日", "08-11 山の日", "09-21 敬老の日", "09-22 国民の休日",
                 "09-23 秋分の日", "10-12 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"] },
        { 2027, ["01-01 元日", "01-11 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-21 春分の日", "03-22 振替休日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "07-19 海の日", "08-11 山の日", "09-20 敬老の日", "09-23 秋分の日",
                 "10-11 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"] },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Every_holiday_of_the_year_matches_the_published_list(int year, string[] expected)
    {
        var computed = JapaneseHolidays.Of(year).Select(h => $"{h.Date:MM-dd} {h.Name}").ToArray();
        Assert.Equal(expected, computed);
    }

    [Fact]
    public void Year_end_closure_runs_from_29_December_to_3_January()
    {
        Assert.False(JapaneseHolidays.IsYearEndClosure(new DateOnly(2026, 12, 28)));
        Assert.True(JapaneseHolidays.IsYearEndClosure(new DateOnly(2026, 12, 29)));
        Assert.True(JapaneseHolidays.IsYearEndClosure(new DateOnly(2026, 12, 31)));
        Assert.True(JapaneseHolidays.IsYearEndClosure(new DateOnly(2027, 1, 3)));
        Assert.False(JapaneseHolidays.IsYearEndClosure(new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void Slot_rules_close_holidays_and_the_year_end_and_unopened_weekdays()
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new CounterHours { Weekday = d, OpensAt = 510, ClosesAt = 1035 }).ToList();
        Assert.Equal("祝日は閉庁しています。", SlotRules.ClosedReason(new DateOnly(2026, 9, 22), weekdays)); // 国民の休日 (Tuesday)
        Assert.Equal("祝日は閉庁しています。", SlotRules.ClosedReason(new DateOnly(2027, 3, 22), weekdays)); // 振替休日 (Monday)
        Assert.StartsWith("年末年始", SlotRules.ClosedReason(new DateOnly(2026, 12, 29), weekdays)); // Tuesday
        Assert.Equal("この曜日は受け付けていません。", SlotRules.ClosedReason(new DateOnly(2026, 12, 5), weekdays)); // Saturday
        Assert.Null(SlotRules.ClosedReason(new DateOnly(2026, 12, 7), weekdays));
        var service = new CounterService { Code = "x", Name = "x", SlotMinutes = 30 };
        var slots = SlotRules.SlotsOn(new DateOnly(2026, 12, 7), service, weekdays);
        // 8:30–17:15 in 30-minute slots: the last full slot starts at 16:30.
        Assert.Equal(new TimeOnly(8, 30), slots[0].LocalStart);
        Assert.Equal(new TimeOnly(16, 30), slots[^1].LocalStart);
        Assert.Equal(new DateTime(2026, 12, 6, 23, 30, 0, DateTimeKind.Utc), slots[0].StartsAtUtc);
    }
}
