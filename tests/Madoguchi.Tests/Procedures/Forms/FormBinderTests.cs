using System.Text.Json.Nodes;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Madoguchi.Tests.Procedures.Forms;

public sealed class FormBinderTests
{
    private static readonly ProcedureTemplate ChildAllowance = TemplateLibrary.Embedded.Find("jidou-teate-nintei")!;

    private static FormBindResult Bind(ProcedureTemplate template, int page, JsonNode? draft, params (string Name, string Value)[] posted) =>
        FormBinder.BindPage(template, page, draft, posted.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    private static FormBindResult BindBirthDate(string era, string year, string month, string day) =>
        Bind(ChildAllowance, 0, null,
            ("/claimant/birthDate:era", era), ("/claimant/birthDate:year", year),
            ("/claimant/birthDate:month", month), ("/claimant/birthDate:day", day));

    [Theory]
    [InlineData("令和", "6", "2", "29", "2024-02-29")]
    [InlineData("平成", "31", "4", "30", "2019-04-30")]
    [InlineData("令和", "元", "5", "1", "2019-05-01")]
    [InlineData("昭和", "64", "1", "7", "1989-01-07")]
    [InlineData("平成", "1", "1", "8", "1989-01-08")]
    [InlineData("大正", "15", "12", "24", "1926-12-24")]
    [InlineData("昭和", "元", "12", "25", "1926-12-25")]
    [InlineData("明治", "45", "7", "29", "1912-07-29")]
    [InlineData("昭和", "５０", "４", "１", "1975-04-01")]
    [InlineData("西暦", "1985", "10", "3", "1985-10-03")]
    public void A_wareki_date_is_stored_as_the_Gregorian_ISO_date(string era, string year, string month, string day, string expected)
    {
        var result = BindBirthDate(era, year, month, day);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, (string?)result.Data["claimant"]!["birthDate"]);
    }

    [Theory]
    [InlineData("令和", "1", "4", "30", "令和1年4月30日はありません（令和は2019年5月1日からです）。")]
    [InlineData("平成", "31", "5", "1", "平成31年5月1日はありません（平成は1989年1月8日から2019年4月30日までです）。")]
    [InlineData("昭和", "64", "1", "8", "昭和64年1月8日はありません（昭和は1926年12月25日から1989年1月7日までです）。")]
    [InlineData("令和", "6", "2", "30", "存在しない日付です。")]
    [InlineData("令和", "5", "2", "29", "存在しない日付です。")]
    [InlineData("西暦", "2023", "13", "1", "存在しない日付です。")]
    [InlineData("令和", "6", "", "1", "元号・年・月・日をすべて入力してください。")]
    [InlineData("", "6", "2", "1", "元号・年・月・日をすべて入力してください。")]
    [InlineData("令和", "六", "2", "1", "年・月・日は数字で入力してください。")]
    [InlineData("西暦", "85", "10", "3", "西暦の年は4桁で入力してください。")]
    public void An_impossible_or_out_of_era_date_is_an_error_at_the_date(string era, string year, string month, string day, string message)
    {
        var result = BindBirthDate(era, year, month, day);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new FormError("/claimant/birthDate", message), error);
        Assert.Null(result.Data["claimant"]?["birthDate"]);

        // What was typed comes back for the page to show again.
        Assert.Equal(day, result.AttemptedValues["/claimant/birthDate:day"]);
        Assert.Equal(era, result.AttemptedValues["/claimant/birthDate:era"]);
    }

    [Fact]
    public void A_rejected_date_is_shown_again_as_typed()
    {
        var result = BindBirthDate("令和", "6", "2", "30");
        var html = FormRenderer.RenderPageHtml(ChildAllowance, 0, result.Data, result.Errors, result.AttemptedValues);
        var document = Infrastructure.Html.Parse(html);
        Assert.Equal("30", document.QuerySelector("input[name='/claimant/birthDate:day']")!.GetAttribute("value"));
        Assert.Equal("存在しない日付です。", document.GetElementById("field-claimant-birthDate-error")!.TextContent);
    }

    [Fact]
    public void Full_width_digits_and_dashes_are_normalised_in_numeric_fields()
    {
        var result = Bind(ChildAllowance, 0, null,
            ("/claimant/postalCode", "〒１００ー０００１"),
            ("/claimant/phone", "０３（１２３４）５６７８"),
            ("/claimant/myNumber", "１２３４ ５６７８ ９０１２"),
            ("/claimant/name", "  山田　太郎　"),
            ("/claimant/nameKana", "やまだ　たろう"));
        Assert.Empty(result.Errors);
        var claimant = result.Data["claimant"]!;
        Assert.Equal("100-0001", (string?)claimant["postalCode"]);
        Assert.Equal("03-1234-5678", (string?)claimant["phone"]);
        Assert.Equal("123456789012", (string?)claimant["myNumber"]);
        Assert.Equal("山田　太郎", (string?)claimant["name"]);
        Assert.Equal("ヤマダ タロウ", (string?)claimant["nameKana"]);

        var phone = Bind(ChildAllowance, 0, null, ("/claimant/phone", "０９０－１２３４‐５６７８")).Data["claimant"]!["phone"];
        Assert.Equal("090-1234-5678", (string?)phone);
    }

    [Fact]
    public void Bank_codes_are_normalised_and_the_account_is_one_object()
    {
        var result = Bind(ChildAllowance, 2, null,
            ("/paymentAccount", "口座を指定する"),
            ("/account/bankCode", "０００１"), ("/account/branchCode", "１２３"), ("/account/accountType", "普通"),
            ("/account/accountNumber", "１２３４ ５６７"), ("/account/holderKana", "ﾔﾏﾀﾞ ﾀﾛｳ"));
        Assert.Empty(result.Errors);
        var account = result.Data["account"]!;
        Assert.Equal("0001", (string?)account["bankCode"]);
        Assert.Equal("123", (string?)account["branchCode"]);
        Assert.Equal("普通", (string?)account["accountType"]);
        Assert.Equal("1234567", (string?)account["accountNumber"]);
        Assert.Equal("ヤマダ タロウ", (string?)account["holderKana"]);
    }

    [Fact]
    public void Blank_optional_fields_are_omitted_not_empty_strings()
    {
        var draft = JsonNode.Parse("""{ "claimant": { "employer": "旧勤務先", "name": "山田 太郎" } }""");
        var result = Bind(ChildAllowance, 0, draft,
            ("/claimant/name", "山田 太郎"), ("/claimant/employer", "   "), ("/claimant/nameKana", ""), ("/claimant/gender", ""));
        var claimant = result.Data["claimant"]!.AsObject();
        Assert.False(claimant.ContainsKey("employer"));
        Assert.False(claimant.ContainsKey("nameKana"));
        Assert.False(claimant.ContainsKey("gender"));
        Assert.Equal("山田 太郎", (string?)claimant["name"]);
        Assert.DoesNotContain("\"\"", result.Data.ToJsonString(), StringComparison.Ordinal);

        // The draft passed in is left as it was.
        Assert.Equal("旧勤務先", (string?)draft!["claimant"]!["employer"]);
    }

    [Fact]
    public void An_unticked_checkbox_is_false_and_a_ticked_one_true()
    {
        Assert.False((bool)Bind(ChildAllowance, 0, JsonNode.Parse("""{ "hasSpouse": true }"""))!.Data["hasSpouse"]!);
        Assert.True((bool)Bind(ChildAllowance, 0, null, ("/hasSpouse", "true")).Data["hasSpouse"]!);
    }

    [Fact]
    public void Multi_choice_collects_every_ticked_value()
    {
        var template = TemplateLibrary.Embedded.Find("risai-shoumei")!;
        var options = template.Schema.GetProperty("properties").GetProperty("damageParts").GetProperty("items").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        var result = Bind(template, 1, null, ("/damageParts", options[0]), ("/damageParts", options[2]));
        Assert.Equal([options[0], options[2]], result.Data["damageParts"]!.AsArray().Select(v => (string)v!));

        Assert.False(Bind(template, 1, null).Data.ContainsKey("damageParts"));
    }

    [Fact]
    public void A_posted_IFormCollection_binds_like_the_pairs()
    {
        var template = TemplateLibrary.Embedded.Find("risai-shoumei")!;
        var options = template.Schema.GetProperty("properties").GetProperty("damageParts").GetProperty("items").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToArray();
        var form = new FormCollection(new Dictionary<string, StringValues> { ["/damageParts"] = new([options[1], options[3]]) });
        var result = FormBinder.BindPage(template, 1, null, form);
        Assert.Equal([options[1], options[3]], result.Data["damageParts"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void Numbers_are_converted_and_bad_numbers_are_errors_at_the_field()
    {
        var template = TemplateLibrary.Embedded.Find("risai-shoumei")!;
        var ok = Bind(template, 2, null, ("/copies", "２"));
        Assert.Empty(ok.Errors);
        Assert.Equal(2, (long)ok.Data["copies"]!);

        var bad = Bind(template, 2, JsonNode.Parse("""{ "copies": 1 }"""), ("/copies", "二枚"));
        Assert.Equal(new FormError("/copies", "数字で入力してください。"), Assert.Single(bad.Errors));
        Assert.False(bad.Data.ContainsKey("copies"));
        Assert.Equal("二枚", bad.AttemptedValues["/copies"]);

        var yen = TemplateLibrary.Embedded.Find("kaigo-futan-gendogaku-nintei")!;
        var savings = Bind(yen, 1, null, ("/assets/insured/savings", "１,２００,０００"));
        Assert.Equal(1_200_000, (long)savings.Data["assets"]!["insured"]!["savings"]!);
    }

    [Fact]
    public void Repeat_items_are_bound_from_their_pointers()
    {
        var result = Bind(ChildAllowance, 1, null,
            ("/children:count", "2"),
            ("/children/0/name", "山田 花子"), ("/children/0/livingWith", "同居"),
            ("/children/1/name", "山田 次郎"), ("/children/1/livingWith", "別居"), ("/children/1/myNumber", "１２３４５６７８９０１２"));
        var children = result.Data["children"]!.AsArray();
        Assert.Equal(2, children.Count);
        Assert.Equal("山田 花子", (string?)children[0]!["name"]);
        Assert.Equal("123456789012", (string?)children[1]!["myNumber"]);
        Assert.False(result.ItemsChanged);
    }

    [Fact]
    public void Add_appends_an_empty_item_without_JavaScript()
    {
        var result = Bind(ChildAllowance, 1, null,
            ("/children:count", "1"), ("/children/0/name", "山田 花子"), (FormBinder.AddCommand, "/children"));
        Assert.True(result.ItemsChanged);
        var children = result.Data["children"]!.AsArray();
        Assert.Equal(2, children.Count);
        Assert.Equal("山田 花子", (string?)children[0]!["name"]);
        Assert.Empty(children[1]!.AsObject());

        // The page shown again has the new, empty item.
        var document = Infrastructure.Html.Parse(FormRenderer.RenderPageHtml(ChildAllowance, 1, result.Data));
        Assert.Equal("", document.QuerySelector("input[name='/children/1/name']")!.GetAttribute("value"));
    }

    [Fact]
    public void Remove_takes_out_that_item_and_keeps_what_was_typed_in_the_others()
    {
        var draft = JsonNode.Parse("""{ "children": [ { "name": "一郎" }, { "name": "二郎" }, { "name": "三郎" } ] }""");
        var result = Bind(ChildAllowance, 1, draft,
            ("/children:count", "3"),
            ("/children/0/name", "一郎"), ("/children/1/name", "二郎"), ("/children/2/name", "三郎（修正）"),
            ("/children/2/birthDate:era", "令和"), ("/children/2/birthDate:year", "6"), ("/children/2/birthDate:month", "2"), ("/children/2/birthDate:day", "30"),
            (FormBinder.RemoveCommand, "/children/1"));
        Assert.True(result.ItemsChanged);
        Assert.Equal(["一郎", "三郎（修正）"], result.Data["children"]!.AsArray().Select(c => (string)c!["name"]!));

        // The error of the third child moved with it to index 1.
        Assert.Equal(new FormError("/children/1/birthDate", "存在しない日付です。"), Assert.Single(result.Errors));
        Assert.Equal("30", result.AttemptedValues["/children/1/birthDate:day"]);
    }

    [Fact]
    public void A_command_for_a_list_not_on_the_page_is_ignored()
    {
        var result = Bind(ChildAllowance, 0, null, (FormBinder.AddCommand, "/children"), (FormBinder.RemoveCommand, "/claimant/0"));
        Assert.False(result.ItemsChanged);
        Assert.False(result.Data.ContainsKey("children"));
    }

    [Fact]
    public void Fields_whose_showIf_is_false_are_dropped()
    {
        var draft = JsonNode.Parse("""
            { "hasSpouse": true, "spouse": { "name": "山田 花子", "livingWith": "別居", "address": "東京都千代田区" } }
            """);

        // 配偶者がいる is unticked: the spouse's fields go, and with 同居・別居 gone, the address too.
        var result = Bind(ChildAllowance, 0, draft, ("/spouse/name", "山田 花子"), ("/spouse/livingWith", "別居"), ("/spouse/address", "東京都千代田区"));
        Assert.False((bool)result.Data["hasSpouse"]!);
        Assert.False(result.Data.ContainsKey("spouse"));

        // Ticked, but living together: only the address goes.
        var together = Bind(ChildAllowance, 0, draft, ("/hasSpouse", "true"), ("/spouse/name", "山田 花子"), ("/spouse/livingWith", "同居"), ("/spouse/address", "東京都千代田区"));
        var spouse = together.Data["spouse"]!.AsObject();
        Assert.Equal("同居", (string?)spouse["livingWith"]);
        Assert.False(spouse.ContainsKey("address"));
    }

    [Fact]
    public void A_hidden_field_inside_a_repeat_item_is_dropped_and_its_error_with_it()
    {
        var result = Bind(ChildAllowance, 1, null,
            ("/children:count", "1"), ("/children/0/livingWith", "同居"), ("/children/0/myNumber", "12345"),
            ("/children/0/address", "大阪府"));
        var child = result.Data["children"]![0]!.AsObject();
        Assert.False(child.ContainsKey("myNumber"));
        Assert.False(child.ContainsKey("address"));
        Assert.Equal("同居", (string?)child["livingWith"]);
    }

    [Fact]
    public void An_answer_on_this_page_drops_hidden_values_filled_earlier_on_another_page()
    {
        // hasOlderChildren is on page 2 together with the list; the list is dropped once it is unticked.
        var draft = JsonNode.Parse("""{ "hasOlderChildren": true, "olderChildren": [ { "name": "山田 一郎" } ] }""");
        var result = Bind(ChildAllowance, 1, draft, ("/children:count", "1"), ("/children/0/name", "山田 花子"));
        Assert.False(result.Data.ContainsKey("olderChildren"));
    }
}
