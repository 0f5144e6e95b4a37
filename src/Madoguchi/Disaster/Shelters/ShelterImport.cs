using System.Globalization;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Shelters;

/// <summary>
/// Reads the 自治体標準オープンデータセット 指定緊急避難場所一覧 (and 指定避難所一覧 files of the same
/// shape) by column name, so column order and extra columns do not matter. Rows are added or,
/// when the ID is known, updated (the live state is kept). Bad rows are skipped and reported in
/// Japanese with their line number; good rows of the same file are still imported.
/// </summary>
public sealed class ShelterImport(MadoguchiDb db)
{
    public sealed record Report(int Added, int Updated, IReadOnlyList<string> Problems);

    private static readonly string[] HazardColumns =
        ["洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事", "内水氾濫", "火山現象"];

    public async Task<Report> ImportAsync(byte[] bytes, bool isShelterList, CancellationToken ct)
    {
        var csv = await CsvFile.ReadAsync(bytes, ct);
        if (csv.Error is { } error)
        {
            return new Report(0, 0, [error]);
        }

        int Col(params string[] names) => csv.Column(names);
        var name = Col("名称");
        var address = Col("所在地_連結表記", "所在地_連結標記", "住所");
        if (name < 0 || address < 0)
        {
            return new Report(0, 0, ["1行目に「名称」と「所在地_連結表記」の列が見つかりません。指定緊急避難場所一覧・指定避難所一覧の標準の列名で作成してください。"]);
        }

        var id = Col("ID");
        var kana = Col("名称_カナ");
        var english = Col("名称_英字", "名称_英語");
        var lat = Col("緯度");
        var lon = Col("経度");
        var phone = Col("電話番号");
        var capacity = Col("想定収容人数", "収容人数");
        var overlap = Col("指定避難所との重複");
        var hazards = HazardColumns.Select(h => (Name: h, Index: Col("災害種別_" + h, "災害種別_" + h.Replace('、', '・')))).ToList();

        var existing = await db.Set<Shelter>().ToDictionaryAsync(s => s.Code, ct);
        var problems = new List<string>();
        int added = 0, updated = 0;
        var seen = new HashSet<string>();
        foreach (var row in csv.Records)
        {
            string Cell(int i) => row[i];
            var line = row.Row;
            var rowProblems = new List<string>();
            var shelterName = Cell(name);
            if (shelterName.Length == 0)
            {
                rowProblems.Add($"{line}行目：名称がありません。");
            }
            else if (shelterName.Length > 200)
            {
                rowProblems.Add($"{line}行目：名称が長すぎます（200文字まで）。");
            }

            double? latitude = null, longitude = null;
            if (Cell(lat).Length > 0 || Cell(lon).Length > 0)
            {
                if (!double.TryParse(Cell(lat), NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                    || !double.TryParse(Cell(lon), NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                {
                    rowProblems.Add($"{line}行目：緯度・経度が数値ではありません。");
                }
                else if (la is < 20 or > 46 || lo is < 122 or > 154.5)
                {
                    rowProblems.Add($"{line}行目：緯度・経度が日本の範囲外です（緯度 {Cell(lat)}、経度 {Cell(lon)}）。");
                }
                else
                {
                    (latitude, longitude) = (la, lo);
                }
            }

            int? people = null;
            if (Cell(capacity).Length > 0)
            {
                if (int.TryParse(Cell(capacity), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    people = n;
                }
                else
                {
                    rowProblems.Add($"{line}行目：想定収容人数が数値ではありません（「{Cell(capacity)}」）。");
                }
            }

            var code = Cell(id).Length > 0 ? Cell(id) : shelterName;
            if (rowProblems.Count == 0 && !seen.Add(code))
            {
                rowProblems.Add($"{line}行目：ID「{code}」が前の行と重複しています。");
            }

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            if (!existing.TryGetValue(code, out var shelter))
            {
                shelter = new Shelter { Code = code, Name = shelterName };
                db.Add(shelter);
                existing[code] = shelter;
                added++;
            }
            else
            {
                updated++;
            }

            shelter.Name = shelterName;
            shelter.NameKana = Blank(Cell(kana));
            shelter.NameEn = Blank(Cell(english));
            shelter.Address = Cell(address);
            shelter.Latitude = latitude;
            shelter.Longitude = longitude;
            shelter.Phone = Blank(Cell(phone));
            shelter.Capacity = people;
            if (isShelterList)
            {
                shelter.IsShelter = true;
            }
            else
            {
                shelter.IsEmergencyPlace = true;
                shelter.IsShelter |= Cell(overlap) == "1";
                shelter.Hazards = string.Join(';', hazards.Where(h => Cell(h.Index) == "1").Select(h => h.Name));
            }
        }

        await db.SaveChangesAsync(ct);
        return new Report(added, updated, problems);
    }

    private static string? Blank(string s) => s.Length == 0 ? null : s;
}
