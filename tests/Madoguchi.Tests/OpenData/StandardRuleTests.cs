using Madoguchi.OpenData.Public;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Csv;

namespace Madoguchi.Tests.OpenData;

/// <summary>The value rules of the standard datasets, one cell at a time.</summary>
public sealed class StandardRuleTests
{
    private static StandardColumn Column(string name) => StandardDatasets.All.SelectMany(d => d.Columns).First(c => c.Name == name);

    [Theory]
    [InlineData("全国地方公共団体コード", "042021", true)]
    [InlineData("全国地方公共団体コード", "042022", false)]
    [InlineData("全国地方公共団体コード", "04202", false)]
    [InlineData("緯度", "38.268215", true)]
    [InlineData("緯度", "140.87", false)]
    [InlineData("経度", "140.869356", true)]
    [InlineData("経度", "東経140度", false)]
    [InlineData("開始日", "2026-04-01", true)]
    [InlineData("開始日", "2026-02-30", false)]
    [InlineData("開始日", "令和8年4月1日", false)]
    [InlineData("開始時間", "09:00", true)]
    [InlineData("開始時間", "25:00", false)]
    [InlineData("電話番号", "022-123-4567", true)]
    [InlineData("電話番号", "(022)123-4567 / 090-1234-5678", true)]
    [InlineData("電話番号", "０２２－１２３", false)]
    [InlineData("郵便番号", "9850001", true)]
    [InlineData("郵便番号", "985-0001", false)]
    [InlineData("災害種別_洪水", "1", true)]
    [InlineData("災害種別_洪水", "○", false)]
    [InlineData("車椅子使用者用トイレ有無", "有", true)]
    [InlineData("車椅子使用者用トイレ有無", "あり", false)]
    [InlineData("医療機関の種類", "病院", true)]
    [InlineData("医療機関の種類", "クリニック", false)]
    [InlineData("名称_カナ", "チュウオウコウミンカン", true)]
    [InlineData("名称_カナ", "ちゅうおう", false)]
    [InlineData("想定収容人数", "500", true)]
    [InlineData("想定収容人数", "500人", false)]
    [InlineData("URL", "https://www.city.example.jp/", true)]
    [InlineData("URL", "javascript:alert(1)", false)]
    public void Cell_rules(string column, string value, bool ok) => Assert.Equal(ok, CellRules.Check(Column(column), value) is null);

    [Fact]
    public void Every_required_template_is_there_with_the_evacuation_list_as_in_the_definition_book()
    {
        string[] names = ["公共施設一覧", "AED設置箇所一覧", "指定緊急避難場所一覧", "子育て施設一覧", "イベント一覧", "観光施設一覧", "医療機関一覧",
            "介護サービス事業所一覧", "文化財一覧", "公衆無線LANアクセスポイント一覧", "公衆トイレ一覧", "消防水利施設一覧", "地域・年齢別人口", "オープンデータ一覧"];
        Assert.All(names, n => Assert.Contains(StandardDatasets.All, d => d.Name == n));
        var evacuation = StandardDatasets.Find("evacuation_space")!;
        Assert.Equal(39, evacuation.Columns.Count);
        Assert.Equal(["名称", "所在地_連結表記", "電話番号", "市区町村コード"], evacuation.Columns.Where(c => c.Required).Select(c => c.Name));
        Assert.Equal(46, StandardDatasets.Find("population")!.Columns.Count);
        Assert.Equal(42, StandardDatasets.Find("open_data_list")!.Columns.Count);
        Assert.Equal(39, StandardDatasets.Find("public_toilet")!.Columns.Count);
        Assert.Equal(16, StandardDatasets.Find("fire_hydrant")!.Columns.Count);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+81-3-1234", "'+81-3-1234")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("普通の値", "普通の値")]
    public void Formula_injection_is_neutralised(string value, string expected) => Assert.Equal(expected, CsvField.Neutralise(value));
}
