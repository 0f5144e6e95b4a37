using System.Globalization;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Tenancy;

namespace Madoguchi.OpenData.Standards;

/// <summary>
/// The value rules of the definition books (§2.4 of the reference) for one cell. Returns the
/// Japanese message for a bad value, null when it is fine. Empty cells are the caller's business
/// (required or not).
/// </summary>
public static partial class CellRules
{
    public static string? Check(StandardColumn column, string value) => column.Kind switch
    {
        ColumnKind.MunicipalityCode => !MunicipalityCodeShape().IsMatch(value)
            ? "全国地方公共団体コードは半角数字6桁（検査数字を含む）で入力してください。"
            : MunicipalityCode.IsValid(value) ? null : $"全国地方公共団体コード「{value}」の検査数字（6桁目）が正しくありません。",
        ColumnKind.Latitude => Degrees(value, 20, 46, "緯度"),
        ColumnKind.Longitude => Degrees(value, 122, 154.5, "経度"),
        ColumnKind.Date => IsDate(value) ? null : $"日付「{value}」は YYYY-MM-DD の形（例: 2026-04-01）の実在する日付で入力してください。",
        ColumnKind.Time => IsTime(value) ? null : $"時刻「{value}」は hh:mm の形（例: 09:00）で入力してください。",
        ColumnKind.Phone => IsPhone(value) ? null : $"電話番号「{value}」は半角数字とハイフン（例: 022-123-4567）で入力してください。",
        ColumnKind.PostalCode => PostalCode().IsMatch(value) ? null : $"郵便番号「{value}」は半角数字7桁（ハイフンなし、例: 9850001）で入力してください。",
        ColumnKind.Number => Number().IsMatch(value) ? null : $"「{value}」は数値ではありません。単位やカンマを付けず半角数字で入力してください。",
        ColumnKind.Flag => value == "1" ? null : $"「{value}」は使えません。該当する場合は「1」、しない場合は空欄にしてください。",
        ColumnKind.YesNo => value is "有" or "無" ? null : $"「{value}」は使えません。「有」または「無」で入力してください。",
        ColumnKind.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null : $"「{value}」は http:// または https:// で始まるURLではありません。",
        ColumnKind.Kana => Kana().IsMatch(value) ? null : $"「{value}」は全角カタカナで入力してください。",
        ColumnKind.Choice => column.Choices.Contains(value) ? null : $"「{value}」は使えません。次のいずれかにしてください: {string.Join("、", column.Choices)}",
        _ => null,
    };

    /// <summary>機種依存文字 (rule L1-08): readable after CP932 decoding, but not on every device or in every system.</summary>
    public static bool HasPlatformDependentCharacters(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is >= '\u2460' and <= '\u24FF' or >= '\u3200' and <= '\u33FF' or >= '\u2160' and <= '\u217F')
            {
                return true;
            }
        }

        return false;
    }

    private static string? Degrees(string value, double min, double max, string what)
    {
        if (!double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var degrees))
        {
            return $"{what}「{value}」は10進数の度（例: {(what == "緯度" ? "38.268215" : "140.869356")}）で入力してください。";
        }

        return degrees < min || degrees > max
            ? $"{what}「{value}」は日本の範囲（{min.ToString(CultureInfo.InvariantCulture)}〜{max.ToString(CultureInfo.InvariantCulture)}）の外です。緯度と経度が入れ替わっていないか確かめてください。"
            : null;
    }

    private static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTime(string value)
    {
        var m = Time().Match(value);
        if (!m.Success)
        {
            return false;
        }

        var hours = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0);
    }

    // Several numbers are separated by " / " (GIF 電話番号); each has 10 or 11 digits, or is a short number such as 110.
    private static bool IsPhone(string value) =>
        value.Split(" / ").All(n => Phone().IsMatch(n) && n.Count(char.IsAsciiDigit) is 3 or 4 or >= 10 and <= 11);

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex MunicipalityCodeShape();

    [GeneratedRegex(@"^\d{7}$")]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(:\d{2})?$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^(\(\d+\))?[\d\-]+$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[\u30A0-\u30FF\u3000\uFF10-\uFF19・ー\s]+$")]
    private static partial Regex Kana();
}
