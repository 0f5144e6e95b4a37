using System.Globalization;
using System.Text;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// Reads a list of public facilities from CSV as offices keep them: UTF-8 with or without BOM, or
/// Shift_JIS (CP932) as Excel saves it. The columns are found by their header (名称, 住所, 緯度,
/// 経度; the names of 自治体標準オープンデータセット, so a published 公共施設一覧 loads as it is),
/// full-width digits are accepted, and every bad row is named with its line number.
/// </summary>
public static class FacilityCsv
{
    public sealed record Row(int Line, string Name, string Address, double Latitude, double Longitude);

    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<AreaGeoJson.Problem> Problems);

    private static readonly string[] NameHeaders = ["名称", "施設名", "施設名称", "name"];
    private static readonly string[] AddressHeaders = ["住所", "所在地", "所在地_連結表記", "address"];
    private static readonly string[] LatitudeHeaders = ["緯度", "latitude", "lat"];
    private static readonly string[] LongitudeHeaders = ["経度", "longitude", "lon", "lng"];

    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Excel's "CSV (コンマ区切り)" on Japanese Windows writes CP932.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932).GetString(bytes);
        }
    }

    public static Result Read(string text)
    {
        var records = Parse(text);
        var problems = new List<AreaGeoJson.Problem>();
        if (records.Count == 0)
        {
            return new Result([], [new("CSV に行がありません。")]);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string[] names) => header.FindIndex(h => names.Contains(h));
        var (name, address, lat, lon) = (Column(NameHeaders), Column(AddressHeaders), Column(LatitudeHeaders), Column(LongitudeHeaders));
        if (name < 0 || lat < 0 || lon < 0)
        {
            return new Result([], [new("1行目に「名称」「緯度」「経度」の見出しが必要です（「住所」は任意）。")]);
        }

        var rows = new List<Row>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string At(int i) => i >= 0 && i < fields.Count ? fields[i].Trim() : "";
            var rowName = At(name);
            if (rowName.Length is 0 or > 100)
            {
                problems.Add(new("{0}行目：名称を100文字以内で入力してください。", line));
                continue;
            }

            if (At(address).Length > 200)
            {
                problems.Add(new("{0}行目：住所は200文字以内にしてください。", line));
                continue;
            }

            if (Number(At(lat)) is not { } la || Number(At(lon)) is not { } lo || la is < -90 or > 90 || lo is < -180 or > 180)
            {
                problems.Add(new("{0}行目：緯度・経度を数で入力してください（例：38.5770, 140.9556）。", line));
                continue;
            }

            rows.Add(new Row(line, rowName, At(address), la, lo));
        }

        foreach (var twice in rows.GroupBy(r => r.Name).Where(g => g.Count() > 1))
        {
            problems.Add(new("{0}行目：「{1}」が2回以上あります。", twice.Skip(1).First().Line, twice.Key));
        }

        return new Result(rows, problems);
    }

    /// <summary>A decimal number, full-width digits and signs accepted (typed with the Japanese IME on).</summary>
    public static double? Number(string text)
    {
        var ascii = text.Normalize(NormalizationForm.FormKC).Trim();
        return double.TryParse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. Each record keeps the line it starts on.</summary>
    private static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, quoted, any) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((start, fields));
                    fields = [];
                    any = false;
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }

        return records;
    }
}
