using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Number rules on JSON numbers as written: decimal arithmetic when both sides fit (the common,
/// fast case), otherwise exact big-number arithmetic; never binary floating point, so 0.1 steps
/// and yen amounts are judged exactly.
/// </summary>
internal static class JsonNumbers
{
    public static bool IsInteger(JsonElement number) =>
        number.TryGetDecimal(out var exact) && Fits(number)
            ? exact == decimal.Truncate(exact)
            : ExactNumber.From(number).IsInteger;

    public static int Compare(JsonElement left, JsonElement right) =>
        left.TryGetDecimal(out var leftExact) && right.TryGetDecimal(out var rightExact) && Fits(left) && Fits(right)
            ? leftExact.CompareTo(rightExact)
            : ExactNumber.From(left).CompareTo(ExactNumber.From(right));

    public static bool IsMultipleOf(JsonElement value, JsonElement divisor) =>
        value.TryGetDecimal(out var exactValue) && divisor.TryGetDecimal(out var exactDivisor) && Fits(value) && Fits(divisor)
            ? exactValue % exactDivisor == 0
            : ExactNumber.From(value).IsMultipleOf(ExactNumber.From(divisor));

    public static int Sign(JsonElement number) => ExactNumber.From(number).Significand.Sign;

    /// <summary>
    /// decimal silently rounds beyond 28 significant digits and reads 1e-400 as 0, so only plainly
    /// written numbers that short take the decimal path.
    /// </summary>
    private static bool Fits(JsonElement number)
    {
        var text = number.GetRawText();
        return text.Length <= 28 && text.IndexOfAny(['e', 'E']) < 0;
    }
}
