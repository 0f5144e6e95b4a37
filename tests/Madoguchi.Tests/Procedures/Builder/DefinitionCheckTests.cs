using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Builder;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Builder;

/// <summary>Each rule of <see cref="DefinitionCheck"/> catches its problem and names it; a shipped
/// template with one thing broken is refused for exactly that.</summary>
public sealed class DefinitionCheckTests
{
    private static JsonNode Template(string key = "risai-shoumei") =>
        JsonNode.Parse(JsonSerializer.Serialize(TemplateLibrary.Embedded.Find(key)!, TemplateLibrary.JsonOptions))!;

    private static IReadOnlyList<string> Problems(JsonNode definition) =>
        DefinitionCheck.Parse(definition.ToJsonString()).Problems.Select(p => p.ToString()).ToList();

    private static JsonNode FirstField(JsonNode t) => t["layout"]!["pages"]![0]!["sections"]![0]!["fields"]![0]!;

    [Fact]
    public void A_layout_pointer_to_a_missing_property_is_named()
    {
        var t = Template();
        FirstField(t)["pointer"] = "/applicant/nickname";
        Assert.Contains("項目「氏名」のデータ /applicant/nickname がスキーマにありません。", Problems(t));
    }

    [Fact]
    public void A_required_property_no_page_asks_is_named()
    {
        var t = Template();
        t["schema"]!["properties"]!["extra"] = new JsonObject { ["type"] = "string" };
        t["schema"]!["required"]!.AsArray().Add("extra");
        Assert.Contains("必須のデータ /extra を尋ねる項目がどのページにもありません。", Problems(t));
    }

    [Fact]
    public void Duplicate_field_keys_empty_pages_and_show_ifs_on_missing_fields_are_named()
    {
        var t = Template();
        var fields = t["layout"]!["pages"]![0]!["sections"]![0]!["fields"]!.AsArray();
        fields.Add(FirstField(t).DeepClone());
        FirstField(t)["showIf"] = new JsonObject { ["pointer"] = "/gone", ["equals"] = "はい" };
        t["layout"]!["pages"]!.AsArray().Add(new JsonObject { ["title"] = "空のページ", ["titleEn"] = null, ["sections"] = new JsonArray() });
        var problems = Problems(t);
        Assert.Contains("項目 /applicant/name が2回以上あります（項目キーの重複）。", problems);
        Assert.Contains("項目「氏名」の表示条件が、存在しない項目 /gone を参照しています。", problems);
        Assert.Contains("ページ「空のページ」に項目がありません。", problems);
    }

    [Fact]
    public void A_schema_our_validator_cannot_compile_and_a_widget_without_its_schema_are_named()
    {
        var t = Template();
        t["schema"]!["properties"]!["applicant"]!["properties"]!["name"]!["minLength"] = "one";
        Assert.Contains(Problems(t), p => p.StartsWith("スキーマを検証器で読み込めません", StringComparison.Ordinal));

        var u = Template();
        u["schema"]!["properties"]!["applicant"]!["properties"]!["name"]!["type"] = "integer";
        Assert.Contains("項目「氏名」のスキーマが入力方法 name の形になっていません。", Problems(u));
    }

    [Fact]
    public void A_file_missing_a_property_or_not_json_is_refused_with_where()
    {
        var t = Template();
        t.AsObject().Remove("layout");
        Assert.Contains(Problems(t), p => p.StartsWith("JSON として読み込めません", StringComparison.Ordinal));
        Assert.Contains(DefinitionCheck.Parse("[1, 2").Problems, p => p.Message.StartsWith("JSON として読み込めません", StringComparison.Ordinal));
        Assert.Contains(DefinitionCheck.Parse(new string(' ', DefinitionCheck.MaxBytes + 1)).Problems, p => p.Message.StartsWith("ファイルが大きすぎます", StringComparison.Ordinal));
    }
}
