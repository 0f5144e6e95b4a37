using System.Globalization;

namespace Madoguchi.Platform.Localization;

/// <summary>
/// Dates are stored as UTC and shown in Japan time: in Japanese with the era (和暦, e.g. 令和8年11月24日),
/// in English in the Gregorian calendar.
/// </summary>
public static class Wareki
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static readonly CultureInfo JapaneseEra = CreateEraCulture();

    private static CultureInfo CreateEraCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }

    public static DateTime ToJapanTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Japan);

    /// <summary>The UTC instant a calendar day begins in Japan (for date filters entered in Japan time).</summary>
    public static DateTime StartOfJapanDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Japan);

    /// <summary>A calendar date (no time zone shift): 令和8年11月24日 / 24 Nov 2026.</summary>
    public static string Date(DateOnly date) => Date(date.ToDateTime(TimeOnly.MinValue), CultureInfo.CurrentUICulture);

    public static string Date(DateTime localDate, CultureInfo ui)
    {
        if (ui.TwoLetterISOLanguageName != "ja")
        {
            return localDate.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        }

        var era = JapaneseEra.DateTimeFormat.Calendar;
        var year = era.GetYear(localDate);
        var eraName = JapaneseEra.DateTimeFormat.GetEraName(era.GetEra(localDate));
        var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return $"{eraName}{yearText}年{localDate.Month}月{localDate.Day}日";
    }

    /// <summary>A UTC instant shown in Japan time with its date in 和暦: 令和8年11月24日 14:05.</summary>
    public static string DateAndTime(DateTime utc)
    {
        var local = ToJapanTime(utc);
        return $"{Date(local, CultureInfo.CurrentUICulture)} {local:HH:mm}";
    }
}
