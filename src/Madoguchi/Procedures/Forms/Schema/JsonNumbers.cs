using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Number comparisons done in decimal where both sides fit, so that 0.1 + 0.2 style binary
/// rounding never rejects an amount of money or a measurement; double covers the huge values.
/// </summary>
internal static class JsonNumbers
{
    public static bool IsInteger(JsonElement number)
    {
        if (number.TryGetDecimal(out var exact))
        {
            return exact == decimal.Truncate(exact);
        }
        var approximate = number.GetDouble();
        return double.IsFinite(approximate) && Math.Floor(approximate) == approximate;
    }

    public static int Compare(JsonElement left, JsonElement right)
    {
        if (left.TryGetDecimal(out var leftExact) && right.TryGetDecimal(out var rightExact))
        {
            return leftExact.CompareTo(rightExact);
        }
        return left.GetDouble().CompareTo(right.GetDouble());
    }

    public static bool IsMultipleOf(JsonElement value, JsonElement divisor)
    {
        if (value.TryGetDecimal(out var exactValue) && divisor.TryGetDecimal(out var exactDivisor) && exactDivisor != 0)
        {
            return exactValue % exactDivisor == 0;
        }
        var quotient = value.GetDouble() / divisor.GetDouble();
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }
}
