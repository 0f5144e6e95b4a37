using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// The schema each widget needs (docs/forms.md, "Widgets and their schema"): <see cref="For"/> writes
/// it for a field the builder adds, <see cref="Mismatch"/> checks it in any definition.
/// </summary>
public static class WidgetSchemas
{
    public const string KanaPattern = "^[ァ-ヶー　 ]+$";
    public const string MyNumberPattern = @"^\d{12}$";
    public const string PostalCodePattern = @"^\d{3}-?\d{4}$";
    public const string PhonePattern = @"^0\d{1,4}-?\d{1,4}-?\d{3,4}$";

    /// <summary>Widgets whose text length staff may limit.</summary>
    public static bool HasLength(FieldWidget w) => w is FieldWidget.Text or FieldWidget.Textarea or FieldWidget.Name or FieldWidget.Address or FieldWidget.Kana;

    /// <summary>Widgets with a lower and upper bound: the value (numbers) or the number of items (repeats).</summary>
    public static bool HasRange(FieldWidget w) => w is FieldWidget.Integer or FieldWidget.Number or FieldWidget.Repeat;

    public static bool HasChoices(FieldWidget w) => w is FieldWidget.Choice or FieldWidget.MultiChoice;

    /// <summary>Widgets that can be the subject of another field's show-if (a value compared by equality).</summary>
    public static bool CanBeCondition(FieldWidget w) => w is FieldWidget.Choice or FieldWidget.Checkbox;

    public static JsonObject For(FieldWidget widget, IReadOnlyList<string> choices) => widget switch
    {
        FieldWidget.Text => Text(200),
        FieldWidget.Textarea => Text(2000),
        FieldWidget.Name => Text(50),
        FieldWidget.Address => Text(200),
        FieldWidget.Kana => new JsonObject { ["type"] = "string", ["maxLength"] = 100, ["pattern"] = KanaPattern, ["x-error-message"] = "カタカナで入力してください。" },
        FieldWidget.Date => new JsonObject { ["type"] = "string", ["format"] = "date" },
        FieldWidget.PostalCode => new JsonObject { ["type"] = "string", ["pattern"] = PostalCodePattern },
        FieldWidget.Phone => new JsonObject { ["type"] = "string", ["pattern"] = PhonePattern },
        FieldWidget.Email => new JsonObject { ["type"] = "string", ["format"] = "email", ["maxLength"] = 254 },
        FieldWidget.MyNumber => new JsonObject { ["type"] = "string", ["pattern"] = MyNumberPattern, ["x-error-message"] = "個人番号は12桁の数字で入力してください。" },
        FieldWidget.BankAccount => BankAccount(),
        FieldWidget.Choice => new JsonObject { ["type"] = "string", ["enum"] = Strings(choices) },
        FieldWidget.MultiChoice => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(choices) }, ["uniqueItems"] = true },
        FieldWidget.Checkbox => new JsonObject { ["type"] = "boolean" },
        FieldWidget.Consent => new JsonObject { ["type"] = "boolean", ["const"] = true, ["x-error-message"] = "内容を確認のうえ、チェックを入れてください。" },
        FieldWidget.Integer => new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
        FieldWidget.Number => new JsonObject { ["type"] = "number", ["minimum"] = 0 },
        FieldWidget.Repeat => new JsonObject
        {
            ["type"] = "array", ["maxItems"] = 10,
            ["items"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = new JsonObject(), ["required"] = new JsonArray() },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(widget), widget, "A file field has no schema."),
    };

    /// <summary>Why <paramref name="schema"/> cannot hold what <paramref name="field"/>'s widget posts, or null.</summary>
    public static DefinitionProblem? Mismatch(FormField field, JsonElement schema)
    {
        var label = field.Label;
        var fits = field.Widget switch
        {
            FieldWidget.Kana => Text(schema, "pattern") == KanaPattern,
            FieldWidget.Date => Text(schema, "format") == "date",
            FieldWidget.MyNumber => Text(schema, "pattern") == MyNumberPattern,
            FieldWidget.PostalCode => Text(schema, "pattern") == PostalCodePattern,
            FieldWidget.Phone => Text(schema, "pattern") == PhonePattern,
            FieldWidget.Email => Text(schema, "format") == "email",
            FieldWidget.BankAccount => DefinitionCheck.Names(schema, "required").SetEquals(["bankCode", "branchCode", "accountType", "accountNumber", "holderKana"]),
            FieldWidget.Choice => true,
            FieldWidget.MultiChoice => Text(schema, "type") == "array" && schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True,
            FieldWidget.Checkbox => Text(schema, "type") == "boolean",
            FieldWidget.Consent => schema.TryGetProperty("const", out var c) && c.ValueKind == JsonValueKind.True,
            FieldWidget.Integer => Text(schema, "type") == "integer" && schema.TryGetProperty("minimum", out _),
            FieldWidget.Number => Text(schema, "type") == "number" && schema.TryGetProperty("minimum", out _),
            FieldWidget.Repeat => Text(schema, "type") == "array" && schema.TryGetProperty("items", out var items) && Text(items, "type") == "object",
            _ => Text(schema, "type") == "string",
        };
        if (!fits)
        {
            return new("項目「{0}」のスキーマが入力方法 {1} の形になっていません。", label, Kebab(field.Widget));
        }

        if (field.Widget is FieldWidget.Choice or FieldWidget.MultiChoice)
        {
            var options = field.Widget == FieldWidget.MultiChoice && schema.TryGetProperty("items", out var inner) ? inner : schema;
            if (!options.TryGetProperty("enum", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() < 2)
            {
                return new("項目「{0}」の選択肢が2つ以上ありません。", label);
            }
        }

        if (field.Widget == FieldWidget.Consent && string.IsNullOrWhiteSpace(field.Help))
        {
            return new("同意の項目「{0}」に、同意する内容（説明）がありません。", label);
        }

        if (field.Widget == FieldWidget.Repeat && ((field.Fields?.Count ?? 0) == 0 || string.IsNullOrWhiteSpace(field.ItemLabel)))
        {
            return new("繰り返しの項目「{0}」に、1件の呼び名と中の項目が必要です。", label);
        }

        return null;
    }

    /// <summary>How a widget is written in definition files (postal-code, my-number …).</summary>
    public static string Kebab(FieldWidget widget) => JsonNamingPolicy.KebabCaseLower.ConvertName(widget.ToString());

    private static JsonObject Text(int maxLength) => new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength };

    private static JsonObject BankAccount() => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["bankCode"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^\d{4}$" },
            ["branchCode"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^\d{3}$" },
            ["accountType"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("普通", "当座") },
            ["accountNumber"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^\d{7}$" },
            ["holderKana"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100, ["pattern"] = KanaPattern, ["x-error-message"] = "口座名義はカタカナで入力してください。" },
        },
        ["required"] = new JsonArray("bankCode", "branchCode", "accountType", "accountNumber", "holderKana"),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
