using System.Text.Json;
using Madoguchi.Platform.Payments;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// The rules of a procedure's fee table (docs/payments.md) against its own form: the quantity is an
/// integer answer of the form (通数), an exemption looks at an answer that exists, 事後決済 has a
/// payment period. One place for the builder's fee form (messages at its fields) and for
/// <see cref="DefinitionCheck"/> (publish and import).
/// </summary>
public static class FeeTable
{
    /// <summary>A field of the form the fee can refer to: a top-level answer with one value (not inside a repeat).</summary>
    public sealed record FeeField(string Pointer, string Label, bool IsInteger, IReadOnlyList<string> Choices);

    /// <summary>A problem with the field of the fee form it belongs to (AmountYen, QuantityPointer, PaymentDays, Exemptions[i].Pointer …).</summary>
    public sealed record FeeProblem(string Field, DefinitionProblem Problem);

    /// <summary>Days after approval a 事後決済 fee may be given at most (a year).</summary>
    public const int MaxPaymentDays = 365;

    public static IReadOnlyList<FeeField> Fields(ProcedureTemplate t)
    {
        if (t.Schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var fields = new List<FeeField>();
        foreach (var laid in LaidOutField.All(t).Where(f => f.Field.Pointer is not null && !f.Path.Contains("[]", StringComparison.Ordinal)))
        {
            if (DefinitionCheck.SchemaAt(t.Schema, laid.Field.Pointer!) is not { } schema || !schema.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String || type.GetString() is not ("string" or "integer" or "number" or "boolean"))
            {
                continue;
            }

            var choices = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
                : type.GetString() == "boolean" ? ["true", "false"] : [];
            fields.Add(new FeeField(laid.Field.Pointer!, laid.Field.Label, type.GetString() == "integer", choices));
        }

        return fields;
    }

    public static IReadOnlyList<FeeProblem> Check(ProcedureTemplate t, TemplateFee fee)
    {
        var problems = new List<FeeProblem>();
        var fields = Fields(t);
        if (fee.AmountYen < 0)
        {
            problems.Add(new("AmountYen", new("手数料は0円以上で入力してください。")));
        }

        if (fee.QuantityPointer is { } quantity && !fields.Any(f => f.IsInteger && f.Pointer == quantity))
        {
            problems.Add(new("QuantityPointer", new("数量の項目「{0}」は、このフォームの整数の項目ではありません。整数の項目から選んでください。", quantity)));
        }

        if (fee.Timing == PaymentTiming.AfterApproval && fee.PaymentDays is null)
        {
            problems.Add(new("PaymentDays", new("承認後に支払う場合は、支払期限（承認の日から何日以内）を入力してください。")));
        }
        else if (fee.PaymentDays is <= 0 or > MaxPaymentDays)
        {
            problems.Add(new("PaymentDays", new("支払期限は1から{0}の日数で入力してください。", MaxPaymentDays)));
        }

        for (var i = 0; i < fee.Exemptions.Count; i++)
        {
            var exemption = fee.Exemptions[i];
            var field = fields.FirstOrDefault(f => f.Pointer == exemption.Pointer);
            if (field is null)
            {
                problems.Add(new($"Exemptions[{i}].Pointer", new("免除の条件の項目「{0}」は、このフォームにありません。", exemption.Pointer ?? "")));
            }

            if (string.IsNullOrWhiteSpace(exemption.Value))
            {
                problems.Add(new($"Exemptions[{i}].Value", new("免除の条件の値を入力してください。")));
            }
            else if (field is { Choices.Count: > 0 } && !field.Choices.Contains(exemption.Value))
            {
                problems.Add(new($"Exemptions[{i}].Value", new("免除の条件の値「{0}」は、項目「{1}」の選択肢にありません。", exemption.Value, field.Label)));
            }

            if (string.IsNullOrWhiteSpace(exemption.Reason))
            {
                problems.Add(new($"Exemptions[{i}].Reason", new("免除の理由を入力してください。領収書と画面に表示されます。")));
            }
        }

        return problems;
    }
}
