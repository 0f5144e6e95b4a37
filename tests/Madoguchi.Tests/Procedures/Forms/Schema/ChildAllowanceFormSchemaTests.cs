using System.Text.Json;
using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// Messages and locations on a realistic form: 児童手当 認定請求書. The form shows each error
/// next to the field its JSON Pointer names, so the pointer matters as much as the wording.
/// </summary>
public sealed class ChildAllowanceFormSchemaTests
{
    private const string SchemaJson = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://forms.madoguchi.example/jidou-teate/nintei-seikyu.json",
          "type": "object",
          "required": ["請求者", "children", "口座"],
          "properties": {
            "請求者": {
              "type": "object",
              "required": ["氏名", "フリガナ"],
              "properties": {
                "氏名": { "type": "string", "minLength": 1, "maxLength": 30 },
                "フリガナ": {
                  "type": "string",
                  "pattern": "^[ァ-ヶー　 ]+$",
                  "x-error-message": { "pattern": "全角カタカナで入力してください。" }
                },
                "メールアドレス": { "type": "string", "format": "email" }
              },
              "additionalProperties": false
            },
            "children": {
              "type": "array",
              "minItems": 1,
              "maxItems": 10,
              "items": {
                "type": "object",
                "required": ["氏名", "生年月日"],
                "properties": {
                  "氏名": { "type": "string", "minLength": 1 },
                  "生年月日": {
                    "type": "string",
                    "format": "date",
                    "x-error-message": { "required": "お子さんの生年月日を入力してください。" }
                  },
                  "続柄": { "enum": ["長男", "長女", "次男", "次女", "その他"] }
                }
              }
            },
            "口座": {
              "type": "object",
              "required": ["金融機関コード", "口座番号"],
              "properties": {
                "金融機関コード": { "type": "string", "pattern": "^\\d{4}$" },
                "口座種別": { "enum": ["普通", "当座"] },
                "口座番号": { "type": "string", "pattern": "^\\d{7}$" },
                "振込手数料": { "type": "integer", "minimum": 0, "maximum": 1000 }
              }
            }
          }
        }
        """;

    private static readonly JsonSchema Schema = JsonSchema.Parse(SchemaJson);
    private static readonly SchemaEvaluationOptions AssertFormats = new() { AssertFormats = true };

    [Fact]
    public void A_complete_application_is_valid()
    {
        var result = Schema.Evaluate(Application(), AssertFormats);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_missing_name_is_reported_at_the_name_field_itself()
    {
        var result = Schema.Evaluate(Application(applicant => applicant.Remove("氏名")), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/請求者/氏名", error.InstanceLocation);
        Assert.Equal("required", error.Keyword);
        Assert.Equal("この項目は必須です。", error.Message);
        Assert.Equal("https://forms.madoguchi.example/jidou-teate/nintei-seikyu.json#/properties/請求者/required", error.SchemaLocation);
    }

    [Fact]
    public void A_missing_birth_date_of_the_second_child_uses_the_fields_own_message()
    {
        var result = Schema.Evaluate(Application(children: children => children[1]!.AsObject().Remove("生年月日")), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/children/1/生年月日", error.InstanceLocation);
        Assert.Equal("お子さんの生年月日を入力してください。", error.Message);
    }

    [Fact]
    public void An_impossible_birth_date_fails_only_when_formats_are_asserted()
    {
        var application = Application(children: children => children[0]!["生年月日"] = "2024-02-30");

        var asserted = Schema.Evaluate(application, AssertFormats);
        var annotated = Schema.Evaluate(application);

        var error = Assert.Single(asserted.Errors);
        Assert.Equal("/children/0/生年月日", error.InstanceLocation);
        Assert.Equal("format", error.Keyword);
        Assert.Equal("日付を 2025-04-01 の形式で入力してください。", error.Message);
        Assert.True(annotated.IsValid);
    }

    [Theory]
    [InlineData("ヤマダ　タロウ", true)]
    [InlineData("ヤマダ タロウ", true)]
    [InlineData("やまだ たろう", false)]
    [InlineData("ﾔﾏﾀﾞ", false)]
    [InlineData("山田", false)]
    public void Furigana_accepts_only_full_width_katakana_with_a_custom_message(string furigana, bool valid)
    {
        var result = Schema.Evaluate(Application(applicant => applicant["フリガナ"] = furigana), AssertFormats);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("/請求者/フリガナ", "pattern", "全角カタカナで入力してください。"), (error.InstanceLocation, error.Keyword, error.Message));
        }
    }

    [Theory]
    [InlineData("1234567", true)]
    [InlineData("１２３４５６７", false)] // ECMA \d is ASCII only; .NET's own \d would accept full-width digits.
    [InlineData("1234567\n", false)] // ECMA $ is the end of input; .NET's own $ also matches before a final newline.
    [InlineData("123456", false)]
    public void An_account_number_is_exactly_seven_ascii_digits(string number, bool valid)
    {
        var result = Schema.Evaluate(Application(account: account => account["口座番号"] = number), AssertFormats);

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void An_account_number_of_six_digits_has_the_wrong_format()
    {
        var result = Schema.Evaluate(Application(account: account => account["口座番号"] = "123456"), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/口座/口座番号", "pattern", "入力の形式が正しくありません。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void An_account_number_sent_as_a_number_has_the_wrong_type()
    {
        var result = Schema.Evaluate(Application(account: account => account["口座番号"] = 1234567), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/口座/口座番号", "type", "文字で入力してください。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void A_field_the_form_does_not_have_is_reported_where_it_was_sent()
    {
        var result = Schema.Evaluate(Application(applicant => applicant["マイナンバー"] = "123456789012"), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/請求者/マイナンバー", "additionalProperties", "想定されていない項目があります。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void Name_length_counts_characters_as_residents_see_them()
    {
        // 𠮷 is one character but two UTF-16 code units.
        var thirty = Schema.Evaluate(Application(applicant => applicant["氏名"] = string.Concat(Enumerable.Repeat("𠮷", 30))), AssertFormats);
        var thirtyOne = Schema.Evaluate(Application(applicant => applicant["氏名"] = string.Concat(Enumerable.Repeat("𠮷", 31))), AssertFormats);

        Assert.True(thirty.IsValid);
        var error = Assert.Single(thirtyOne.Errors);
        Assert.Equal(("/請求者/氏名", "maxLength", "30文字以内で入力してください。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void A_relationship_outside_the_choices_asks_to_choose()
    {
        var result = Schema.Evaluate(Application(children: children => children[0]!["続柄"] = "長子"), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/children/0/続柄", "enum", "選択肢から選んでください。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void An_application_without_children_asks_for_at_least_one()
    {
        var result = Schema.Evaluate(Application(children: children => children.Clear()), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/children", "minItems", "1件以上入力してください。"), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Theory]
    [InlineData(-1, "minimum", "0以上の値を入力してください。")]
    [InlineData(1001, "maximum", "1000以下の値を入力してください。")]
    [InlineData(1.5, "type", "整数で入力してください。")]
    public void A_fee_out_of_range_names_the_bound(double fee, string keyword, string message)
    {
        var result = Schema.Evaluate(Application(account: account => account["振込手数料"] = fee), AssertFormats);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/口座/振込手数料", keyword, message), (error.InstanceLocation, error.Keyword, error.Message));
    }

    [Fact]
    public void Every_error_of_a_bad_submission_is_reported_at_once()
    {
        var application = Application(
            applicant => applicant.Remove("フリガナ"),
            children => children[1]!["生年月日"] = "令和6年4月1日",
            account => account["金融機関コード"] = "01");

        var result = Schema.Evaluate(application, AssertFormats);

        Assert.Equal(
            ["/children/1/生年月日", "/口座/金融機関コード", "/請求者/フリガナ"],
            result.Errors.Select(error => error.InstanceLocation).Order(StringComparer.Ordinal));
    }

    private static JsonElement Application(
        Action<System.Text.Json.Nodes.JsonObject>? applicant = null,
        Action<System.Text.Json.Nodes.JsonArray>? children = null,
        Action<System.Text.Json.Nodes.JsonObject>? account = null)
    {
        var application = System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "請求者": { "氏名": "山田 太郎", "フリガナ": "ヤマダ タロウ", "メールアドレス": "taro@example.jp" },
              "children": [
                { "氏名": "山田 花子", "生年月日": "2019-05-01", "続柄": "長女" },
                { "氏名": "山田 次郎", "生年月日": "2024-02-29", "続柄": "次男" }
              ],
              "口座": { "金融機関コード": "0001", "口座種別": "普通", "口座番号": "1234567", "振込手数料": 0 }
            }
            """)!.AsObject();
        applicant?.Invoke(application["請求者"]!.AsObject());
        children?.Invoke(application["children"]!.AsArray());
        account?.Invoke(application["口座"]!.AsObject());
        return JsonSerializer.SerializeToElement(application);
    }
}
