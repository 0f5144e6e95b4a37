using System.Globalization;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// Converts the three-part date entry (元号 + 年 + 月 + 日) to a Gregorian date and back. Many elderly
/// residents know their birth date only in 和暦, so the form asks in 和暦 and stores ISO yyyy-MM-dd.
/// </summary>
public static class WarekiDate
{
    public const string ImpossibleDate = "存在しない日付です。";

    /// <summary>The parts shown for a stored date: era name (or 西暦 before 明治6年), era year, month, day.</summary>
    public static (string Era, int Year, int Month, int Day) ToParts(DateOnly date) =>
        WarekiEra.Of(date) is { } era
            ? (era.Name, date.Year - era.YearOffset, date.Month, date.Day)
            : (WarekiEra.Gregorian, date.Year, date.Month, date.Day);

    /// <summary>
    /// Reads the posted parts. Digits may be full-width; the year may be 「元」 (year 1). Returns false
    /// with a Japanese message when a part is missing or not a number, the date does not exist (2月30日),
    /// or the date lies outside the era (令和1年4月30日, 平成31年5月1日).
    /// </summary>
    public static bool TryToGregorian(string era, string year, string month, string day, out DateOnly date, out string error)
    {
        date = default;
        error = "";
        if (era.Length == 0 || year.Length == 0 || month.Length == 0 || day.Length == 0)
        {
            error = "元号・年・月・日をすべて入力してください。";
            return false;
        }

        var eraYearText = TextNormalizer.AsciiDigits(year.Trim());
        if (eraYearText == "元")
        {
            eraYearText = "1";
        }

        if (!TryNumber(eraYearText, out var y) || !TryNumber(TextNormalizer.AsciiDigits(month.Trim()), out var m)
            || !TryNumber(TextNormalizer.AsciiDigits(day.Trim()), out var d))
        {
            error = "年・月・日は数字で入力してください。";
            return false;
        }

        int gregorianYear;
        WarekiEra? named = null;
        if (era == WarekiEra.Gregorian)
        {
            // 「85」 with 西暦 is almost always 昭和60年 or 1985 typed short; a year 85 would be stored silently.
            if (y < 1000)
            {
                error = "西暦の年は4桁で入力してください。";
                return false;
            }

            gregorianYear = y;
        }
        else
        {
            named = WarekiEra.Find(era);
            if (named is null)
            {
                error = "元号を選んでください。";
                return false;
            }

            if (y < 1)
            {
                error = "年は1以上の数字で入力してください。";
                return false;
            }

            gregorianYear = named.YearOffset + y;
        }

        if (gregorianYear is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(gregorianYear, m))
        {
            error = ImpossibleDate;
            return false;
        }

        date = new DateOnly(gregorianYear, m, d);
        if (named is not null && !named.Contains(date))
        {
            error = OutsideEra(named, y, m, d);
            return false;
        }

        return true;
    }

    private static string OutsideEra(WarekiEra era, int year, int month, int day)
    {
        var asked = $"{era.Name}{year}年{month}月{day}日";
        var range = era.End is { } end
            ? $"{era.Name}は{Gregorian(era.Start)}から{Gregorian(end)}までです"
            : $"{era.Name}は{Gregorian(era.Start)}からです";
        return $"{asked}はありません（{range}）。";
    }

    private static string Gregorian(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
