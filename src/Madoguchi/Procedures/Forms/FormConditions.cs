using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Forms;

/// <summary>Evaluates and explains a field's <c>showIf</c>. Inside a repeat the condition's pointer is
/// relative to the same item, so every check takes the scope (the item's pointer, or "" at the top).</summary>
internal static class FormConditions
{
    public static bool IsShown(ShowIfCondition? condition, JsonNode? root, string scope)
    {
        if (condition is null)
        {
            return true;
        }

        var value = DataPointer.Get(root, scope + condition.Pointer);
        if (value is null)
        {
            return false;
        }

        var actual = JsonSerializer.SerializeToElement(value);
        if (condition.EqualTo is { } expected && JsonElement.DeepEquals(actual, expected))
        {
            return true;
        }

        return condition.In?.Any(candidate => JsonElement.DeepEquals(actual, candidate)) ?? false;
    }

    public static bool SameCondition(ShowIfCondition? a, ShowIfCondition? b) =>
        a is not null && b is not null && a.Pointer == b.Pointer
        && ValuesText(a) == ValuesText(b);

    /// <summary>
    /// The note shown above a conditional field when the page works without JavaScript:
    /// 「（配偶者との同居・別居が「別居」の場合）」, or for a checkbox 「（「配偶者がいる」にチェックを入れた場合）」.
    /// </summary>
    public static string Describe(ShowIfCondition condition, IEnumerable<FormField> scopeFields)
    {
        var target = scopeFields.FirstOrDefault(f => f.Pointer == condition.Pointer);
        var label = target?.Label ?? condition.Pointer;
        var values = Values(condition).ToList();
        if (target?.Widget == FieldWidget.Checkbox && values.Count == 1 && values[0].ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return values[0].ValueKind == JsonValueKind.True
                ? $"（「{label}」にチェックを入れた場合）"
                : $"（「{label}」にチェックを入れていない場合）";
        }

        var choices = string.Join("または", values.Select(v => $"「{Text(v)}」"));
        return $"（{label}が{choices}の場合）";
    }

    private static IEnumerable<JsonElement> Values(ShowIfCondition condition) =>
        condition.EqualTo is { } single ? [single] : condition.In ?? [];

    private static string ValuesText(ShowIfCondition condition) => string.Join("\u001f", Values(condition).Select(v => v.GetRawText()));

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "はい",
        JsonValueKind.False => "いいえ",
        _ => value.GetRawText(),
    };
}
