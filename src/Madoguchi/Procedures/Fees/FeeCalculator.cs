using System.Text.Json.Nodes;
using Madoguchi.Platform.Payments;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Fees;

/// <summary>
/// Computes an application's fee from its procedure version's fee table and the form's answers.
/// Only the server computes it: an amount posted by a browser is never read.
/// </summary>
public static class FeeCalculator
{
    /// <summary>The upper bound of copies in one application; the schema should say less.</summary>
    private const int MaxQuantity = 100;

    public static IReadOnlyList<FeeLine> Lines(ProcedureTemplate template, JsonObject data)
    {
        var fee = template.Fee;
        if (fee.AmountYen <= 0)
        {
            return [];
        }

        var item = fee.Item ?? template.Title;
        var quantity = 1;
        if (fee.QuantityPointer is { } pointer)
        {
            // Read from the JSON text: a value set in code may be an int, a long or a double underneath.
            quantity = DataPointer.Get(data, pointer) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
                && decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && n == decimal.Truncate(n)
                ? (int)Math.Clamp(n, 0, MaxQuantity) : 0;
        }

        foreach (var exemption in fee.Exemptions)
        {
            if (DataPointer.Get(data, exemption.Pointer) is JsonValue answer && AsText(answer) == exemption.Value)
            {
                return [new FeeLine(item, fee.AmountYen, quantity, 0, exemption.Reason)];
            }
        }

        return quantity == 0 ? [] : [new FeeLine(item, fee.AmountYen, quantity, checked(fee.AmountYen * quantity), null)];
    }

    private static string AsText(JsonValue value) =>
        value.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : value.ToString();
}
