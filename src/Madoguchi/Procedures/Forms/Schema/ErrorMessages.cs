using System.Globalization;
using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Japanese messages shown to residents next to the field. A schema may replace them with the
/// custom keyword <c>x-error-message</c>: a string for every failure of that subschema, or an
/// object keyed by keyword (e.g. <c>{"pattern": "全角カタカナで入力してください。"}</c>).
/// </summary>
internal static class ErrorMessages
{
    public const string PatternTimedOut = "入力内容を確認できませんでした。入力内容を見直してください。";

    /// <summary>
    /// For a missing field (required, dependentRequired) the field's own subschema is asked first,
    /// so the message can be written next to the field's other rules.
    /// </summary>
    public static string For(SchemaNode node, string keyword, SchemaNode? fieldSchema) =>
        Custom(fieldSchema?.ErrorMessage, keyword, acceptsPlainString: true)
        ?? Custom(node.ErrorMessage, keyword, acceptsPlainString: fieldSchema is null && keyword is not ("required" or "dependentRequired"))
        ?? Default(node, keyword);

    private static string? Custom(JsonElement? message, string keyword, bool acceptsPlainString) => message switch
    {
        { ValueKind: JsonValueKind.String } text when acceptsPlainString => text.GetString(),
        { ValueKind: JsonValueKind.Object } byKeyword when byKeyword.TryGetProperty(keyword, out var text) => text.GetString(),
        _ => null,
    };

    private static string Default(SchemaNode node, string keyword) => keyword switch
    {
        "required" or "dependentRequired" => "この項目は必須です。",
        "type" => $"{string.Join("または", (node.Types ?? []).Select(TypeName))}で入力してください。",
        "minLength" => $"{Count(node.MinLength)}文字以上で入力してください。",
        "maxLength" => $"{Count(node.MaxLength)}文字以内で入力してください。",
        "pattern" => "入力の形式が正しくありません。",
        "enum" or "const" => "選択肢から選んでください。",
        "minimum" => $"{Number(node.Minimum)}以上の値を入力してください。",
        "exclusiveMinimum" => $"{Number(node.ExclusiveMinimum)}より大きい値を入力してください。",
        "maximum" => $"{Number(node.Maximum)}以下の値を入力してください。",
        "exclusiveMaximum" => $"{Number(node.ExclusiveMaximum)}より小さい値を入力してください。",
        "multipleOf" => $"{Number(node.MultipleOf)}の倍数で入力してください。",
        "format" => FormatMessage(node.Format),
        "minItems" => $"{Count(node.MinItems)}件以上入力してください。",
        "maxItems" => $"{Count(node.MaxItems)}件以内で入力してください。",
        "uniqueItems" => "同じ内容が重複しています。",
        "contains" => "条件に合う項目がありません。",
        "minContains" => $"条件に合う項目を{Count(node.MinContains)}件以上入力してください。",
        "maxContains" => $"条件に合う項目は{Count(node.MaxContains)}件以内にしてください。",
        "minProperties" => $"{Count(node.MinProperties)}項目以上入力してください。",
        "maxProperties" => $"{Count(node.MaxProperties)}項目以内で入力してください。",
        "additionalProperties" or "unevaluatedProperties" => "想定されていない項目があります。",
        "items" or "unevaluatedItems" => "入力できる件数を超えています。",
        "propertyNames" => "項目名が正しくありません。",
        "anyOf" => "条件のいずれかを満たすように入力してください。",
        "oneOf" => "条件のうち一つだけを満たすように入力してください。",
        "not" => "この内容は入力できません。",
        "$ref" or "$dynamicRef" => "入力内容を確認できませんでした（フォームの定義に誤りがあります）。",
        _ => "この項目は入力できません。",
    };

    private static string TypeName(string type) => type switch
    {
        "string" => "文字",
        "number" => "数値",
        "integer" => "整数",
        "boolean" => "はい・いいえ",
        "object" => "項目のまとまり",
        "array" => "一覧",
        _ => "空欄",
    };

    private static string FormatMessage(string? format) => format switch
    {
        "date" => "日付を 2025-04-01 の形式で入力してください。",
        "time" => "時刻を 09:30:00+09:00 の形式で入力してください。",
        "date-time" => "日時を 2025-04-01T09:30:00+09:00 の形式で入力してください。",
        "email" => "メールアドレスの形式で入力してください。",
        "ipv4" or "ipv6" => "IPアドレスの形式で入力してください。",
        "uri" => "URLの形式で入力してください。",
        "uuid" => "UUIDの形式で入力してください。",
        _ => "入力の形式が正しくありません。",
    };

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(JsonElement? value) => value?.GetRawText() ?? "";
}
