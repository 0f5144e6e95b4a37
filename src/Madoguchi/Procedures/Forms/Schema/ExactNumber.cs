using System.Numerics;
using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// A JSON number exactly as written: significand × 10^exponent, with no trailing zeros in the
/// significand. Neither double (0.1 is inexact) nor decimal (nothing beyond 7.9e28) can hold every
/// JSON number, and a schema must neither misjudge an amount nor throw on 1e400.
/// </summary>
internal readonly record struct ExactNumber(BigInteger Significand, long Exponent)
{
    /// <summary>Exponents beyond this are clamped; they are far past any value a form can mean.</summary>
    private const long ExponentLimit = 1_000_000_000_000;

    public static ExactNumber From(JsonElement number)
    {
        var text = number.GetRawText();
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        long exponent = 0;
        if (exponentAt >= 0)
        {
            var written = text[(exponentAt + 1)..].TrimStart('+');
            var negative = written.StartsWith('-');
            var digits = written.TrimStart('-').TrimStart('0');
            exponent = digits.Length > 13 ? ExponentLimit : long.Parse(digits.Length == 0 ? "0" : digits, System.Globalization.CultureInfo.InvariantCulture);
            exponent = negative ? -exponent : exponent;
        }
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        var significand = BigInteger.Parse(mantissa, System.Globalization.CultureInfo.InvariantCulture);
        if (significand.IsZero)
        {
            return new ExactNumber(BigInteger.Zero, 0);
        }
        while (significand % 10 == 0)
        {
            significand /= 10;
            exponent++;
        }
        return new ExactNumber(significand, exponent);
    }

    public bool IsInteger => Significand.IsZero || Exponent >= 0;

    public int CompareTo(ExactNumber other)
    {
        var sign = Significand.Sign;
        if (sign != other.Significand.Sign)
        {
            return sign.CompareTo(other.Significand.Sign);
        }
        if (sign == 0)
        {
            return 0;
        }
        // Different orders of magnitude decide without aligning (which could need 10^huge).
        var magnitude = Exponent + DigitCount(Significand);
        var otherMagnitude = other.Exponent + DigitCount(other.Significand);
        if (magnitude != otherMagnitude)
        {
            return sign * magnitude.CompareTo(otherMagnitude);
        }
        // Same magnitude: the exponents differ by at most the digit counts, so aligning is cheap.
        var common = Math.Min(Exponent, other.Exponent);
        var left = Significand * BigInteger.Pow(10, (int)(Exponent - common));
        var right = other.Significand * BigInteger.Pow(10, (int)(other.Exponent - common));
        return left.CompareTo(right);
    }

    /// <summary>Whether this number divided by <paramref name="divisor"/> (non-zero) is an integer.</summary>
    public bool IsMultipleOf(ExactNumber divisor)
    {
        if (Significand.IsZero)
        {
            return true;
        }
        var shift = Exponent - divisor.Exponent;
        if (shift < 0)
        {
            // The significand has no factor 10 left, so it cannot absorb a negative power of ten.
            return false;
        }
        var modulus = BigInteger.Abs(divisor.Significand);
        return BigInteger.Abs(Significand) * BigInteger.ModPow(10, shift, modulus) % modulus == 0;
    }

    private static long DigitCount(BigInteger value) => BigInteger.Abs(value).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
