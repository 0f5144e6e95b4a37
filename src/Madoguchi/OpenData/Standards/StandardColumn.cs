namespace Madoguchi.OpenData.Standards;

public enum ColumnKind
{
    Text,
    MunicipalityCode,
    Latitude,
    Longitude,
    Date,
    Time,
    Phone,
    PostalCode,
    Number,
    /// <summary>「1」か空欄 (災害種別_*, 指定避難所との重複).</summary>
    Flag,
    /// <summary>有 / 無.</summary>
    YesNo,
    Url,
    Kana,
    Choice,
}

/// <summary>A column of a standard dataset: its exact header, whether it must be filled (◎/必須), and its value rule.</summary>
public sealed record StandardColumn(string Name, bool Required, ColumnKind Kind, IReadOnlyList<string> Choices)
{
    /// <summary>
    /// Parses the compact notation of <see cref="StandardDatasets"/>: "名称!" is required,
    /// "種類=建造物|美術工芸品" a fixed list; other kinds follow from the header the way the
    /// definition books name them (…全国地方公共団体コード, 緯度, …時間, …日, 災害種別_…, …有無).
    /// </summary>
    public static StandardColumn Parse(string spec)
    {
        var choices = Array.Empty<string>();
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            choices = spec[(eq + 1)..].Split('|');
            spec = spec[..eq];
        }

        var required = spec.EndsWith('!');
        var name = required ? spec[..^1] : spec;
        var kind = choices.Length > 0 ? ColumnKind.Choice : KindOf(name);
        return new StandardColumn(name, required, kind, choices);
    }

    private static readonly HashSet<string> Numbers =
    [
        "想定収容人数", "収容定員", "病床数", "定員", "口径", "総人口", "男性", "女性", "世帯数", "料金(基本)", "標高",
        "バリアフリートイレ数", "員数（数）",
    ];

    private static ColumnKind KindOf(string name)
    {
        if (name.EndsWith("全国地方公共団体コード", StringComparison.Ordinal) || name == "市区町村コード")
        {
            return ColumnKind.MunicipalityCode;
        }

        if (name == "緯度") { return ColumnKind.Latitude; }
        if (name == "経度") { return ColumnKind.Longitude; }
        if (name.EndsWith("電話番号", StringComparison.Ordinal) || name == "FAX番号") { return ColumnKind.Phone; }
        if (name == "郵便番号") { return ColumnKind.PostalCode; }
        if (name.StartsWith("災害種別_", StringComparison.Ordinal) || name == "指定避難所との重複") { return ColumnKind.Flag; }
        if (name.EndsWith("有無", StringComparison.Ordinal)) { return ColumnKind.YesNo; }
        if (name.EndsWith("_カナ", StringComparison.Ordinal)) { return ColumnKind.Kana; }
        if (name is "URL" or "画像" or "画像1" or "画像2" or "連絡先FormURL" or "コンテンツURL" || name.EndsWith("URL", StringComparison.Ordinal)) { return ColumnKind.Url; }
        if (name.EndsWith("時間", StringComparison.Ordinal) && (name.Contains("開始", StringComparison.Ordinal) || name.Contains("終了", StringComparison.Ordinal))) { return ColumnKind.Time; }
        if (name.EndsWith('日') && !name.EndsWith("曜日", StringComparison.Ordinal)) { return ColumnKind.Date; }
        if (Numbers.Contains(name) || name.Contains("トイレ数", StringComparison.Ordinal) || name.Contains("トイレ総数", StringComparison.Ordinal)
            || (name.EndsWith("性", StringComparison.Ordinal) && name.Contains('歳', StringComparison.Ordinal)))
        {
            return ColumnKind.Number;
        }

        return ColumnKind.Text;
    }
}
