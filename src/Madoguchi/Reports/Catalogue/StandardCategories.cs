namespace Madoguchi.Reports.Catalogue;

/// <summary>
/// The kinds of report most Japanese municipalities take (as ちばレポ and My City Report do), with
/// the departments that usually answer them, first match wins: a municipality adapts them.
/// </summary>
public static class StandardCategories
{
    public sealed record Standard(string Code, string Name, string NameEn, string Group, string Description, int RadiusMeters,
        string[] Departments, CategoryQuestion[] Questions);

    private static readonly string[] Roads = ["道路課", "土木課", "建設課", "維持管理課"];

    public static readonly Standard[] All =
    [
        new("road-damage", "道路・側溝の損傷", "Damaged road or gutter", "道路", "道路の穴、段差、側溝のふたの破損など。", 30, Roads,
            [new("danger", "危険の程度", true, ["すぐに危ない", "注意が必要", "急がない"])]),
        new("street-light", "街灯・防犯灯の故障", "Broken street light", "道路", "消えている、点滅している、昼も点いているなど。", 30, [.. Roads, "防災安全課", "危機管理課"],
            [new("pole-number", "電柱・灯具の番号", false, [], "柱に貼られた番号が分かれば入力してください。"),
             new("state", "状態", true, ["消えている", "点滅している", "昼も点いている", "破損している"])]),
        new("illegal-dumping", "不法投棄", "Illegal dumping", "環境", "道路や空き地に捨てられたごみ。", 50, ["環境課", "生活環境課", "環境保全課"],
            [new("kind", "ごみの種類", true, ["家電", "家具", "タイヤ", "袋に入ったごみ", "その他"]),
             new("amount", "量", false, ["袋1〜2個程度", "軽トラック1台程度", "それ以上"])]),
        new("park-equipment", "公園遊具の破損", "Damaged playground equipment", "公園", "すべり台、ブランコ、ベンチなどの破損。", 30, ["公園課", "都市計画課", .. Roads],
            [new("park", "公園の名前", false, []), new("equipment", "遊具の種類", false, [])]),
        new("fallen-tree", "倒木", "Fallen tree", "道路", "道路や公園に倒れた木、折れた枝。", 50, Roads,
            [new("passable", "通行できますか", true, ["通れない", "一部通れる", "通れる"])]),
        new("curve-mirror", "カーブミラー", "Traffic mirror", "道路", "向きのずれ、割れ、汚れ、倒れ。", 20, Roads,
            [new("state", "状態", true, ["向きがずれている", "割れている", "汚れている", "倒れている"])]),
        new("dead-animal", "動物の死骸", "Dead animal", "環境", "道路などにある動物の死骸。", 50, ["環境課", "生活環境課", .. Roads],
            [new("animal", "動物", false, ["犬", "猫", "たぬきなど", "鳥", "その他"]), new("where", "場所の種類", true, ["車道", "歩道", "その他"])]),
    ];

    /// <summary>The municipality's department for a category: the first fitting name, else 市民課, else the first.</summary>
    public static Guid? DepartmentFor(Standard standard, IReadOnlyList<(Guid Id, string Name)> departments) =>
        standard.Departments.Concat(["市民課"]).Select(name => departments.FirstOrDefault(d => d.Name == name))
            .Where(d => d.Id != Guid.Empty).Select(d => (Guid?)d.Id).FirstOrDefault()
        ?? (departments.Count > 0 ? departments[0].Id : null);
}
