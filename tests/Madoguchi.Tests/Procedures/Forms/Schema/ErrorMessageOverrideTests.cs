using System.Text.Json;
using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// <c>x-error-message</c> lets a form author word a message for the form's own situation; it is an
/// unknown keyword to JSON Schema, so it changes the wording and never the outcome.
/// </summary>
public sealed class ErrorMessageOverrideTests
{
    [Fact]
    public void A_whole_message_replaces_every_failure_of_its_field()
    {
        var schema = JsonSchema.Parse("""
            { "properties": { "郵便番号": { "type": "string", "pattern": "^\\d{3}-\\d{4}$", "maxLength": 8,
                                            "x-error-message": "郵便番号は 123-4567 の形で入力してください。" } } }
            """);

        var result = schema.Evaluate(Parse("""{ "郵便番号": "1234-56789" }"""));

        Assert.Equal(["maxLength", "pattern"], result.Errors.Select(error => error.Keyword).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, error => Assert.Equal("郵便番号は 123-4567 の形で入力してください。", error.Message));
    }

    [Fact]
    public void The_parent_can_word_the_message_for_a_missing_field()
    {
        var schema = JsonSchema.Parse("""
            { "required": ["同意"], "x-error-message": { "required": "内容を確認し、同意してください。" } }
            """);

        var error = Assert.Single(schema.Evaluate(Parse("{}")).Errors);

        Assert.Equal(("/同意", "内容を確認し、同意してください。"), (error.InstanceLocation, error.Message));
    }

    [Fact]
    public void A_message_for_one_keyword_leaves_the_others_at_their_defaults()
    {
        var schema = JsonSchema.Parse("""
            { "type": "string", "minLength": 2, "pattern": "^[ァ-ヶー]+$",
              "x-error-message": { "pattern": "全角カタカナで入力してください。" } }
            """);

        var result = schema.Evaluate(Parse("\"a\""));

        Assert.Equal(
            ["2文字以上で入力してください。", "全角カタカナで入力してください。"],
            result.Errors.Select(error => error.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_either_or_rule_gets_a_message_a_resident_can_act_on()
    {
        var schema = JsonSchema.Parse("""
            { "anyOf": [ { "required": ["電話番号"] }, { "required": ["メールアドレス"] } ],
              "x-error-message": { "anyOf": "電話番号かメールアドレスのどちらかを入力してください。" } }
            """);

        var error = Assert.Single(schema.Evaluate(Parse("""{ "住所": "千代田区" }""")).Errors);

        Assert.Equal(("", "anyOf", "電話番号かメールアドレスのどちらかを入力してください。"), (error.InstanceLocation, error.Keyword, error.Message));
        Assert.True(schema.Evaluate(Parse("""{ "メールアドレス": "a@example.jp" }""")).IsValid);
    }

    [Theory]
    [InlineData("""{ "x-error-message": 42 }""")]
    [InlineData("""{ "x-error-message": { "pattern": ["a"] } }""")]
    public void A_message_that_is_not_text_is_refused_when_the_schema_is_parsed(string schema)
    {
        var exception = Assert.Throws<InvalidSchemaException>(() => JsonSchema.Parse(schema));

        Assert.Contains("x-error-message", exception.Message, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
