using System.Globalization;
using System.Text;
using Madoguchi.Platform.Csv;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// Reads a list of public facilities from CSV as offices keep them (read by the platform's
/// <see cref="CsvFile"/>, so Shift_JIS as Excel saves it works). The columns are found by their
/// header (名称, 住所, 緯度, 経度; the names of 自治体標準オープンデータセット, so a published 公共施設一覧
/// loads as it is), full-width digits are accepted, and every bad row is named with its row number.
/// </summary>
public static class FacilityCsv
{
    public sealed record Row(int Line, string Name, string Address, double Latitude, double Longitude);

    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<AreaGeoJson.Problem> Problems);

    private static readonly string[] NameHeaders = ["名称", "施設名", "施設名称", "name"];
    private static readonly string[] AddressHeaders = ["住所", "所在地", "所在地_連結表記", "address"];
    private static readonly string[] LatitudeHeaders = ["緯度", "latitude", "lat"];
    private static readonly string[] LongitudeHeaders = ["経度", "longitude", "lon", "lng"];

    public static async Task<Result> ReadAsync(byte[] bytes, CancellationToken ct)
    {
        var csv = await CsvFile.ReadAsync(bytes, ct);
        if (csv.Error is { } error)
        {
            return new Result([], [new(error)]);
        }

        var (name, address, lat, lon) = (csv.Column(NameHeaders), csv.Column(AddressHeaders), csv.Column(LatitudeHeaders), csv.Column(LongitudeHeaders));
        if (name < 0 || lat < 0 || lon < 0)
        {
            return new Result([], [new("1行目に「名称」「緯度」「経度」の見出しが必要です（「住所」は任意）。")]);
        }

        var problems = new List<AreaGeoJson.Problem>();
        var rows = new List<Row>();
        foreach (var record in csv.Records)
        {
            var line = record.Row;
            string At(int i) => record[i];
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
}
