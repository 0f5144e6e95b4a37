namespace Madoguchi.Procedures.Forms;

/// <summary>
/// The check digit of the 12-digit 個人番号, as the 行政手続における特定の個人を識別するための番号の利用等に関する
/// 法律施行令 第8条 defines it: with P(n) the n-th digit counted from the right of the first 11 and
/// Q(n) = n + 1 for n ≤ 6 and n − 5 for n ≥ 7, the remainder r of Σ P(n)·Q(n) by 11 gives 0 when
/// r ≤ 1 and 11 − r otherwise.
/// </summary>
public static class MyNumberCheckDigit
{
    public static int Of(ReadOnlySpan<char> firstEleven)
    {
        if (firstEleven.Length != 11)
        {
            throw new ArgumentException("Eleven digits are needed.", nameof(firstEleven));
        }

        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var digit = firstEleven[11 - n] - '0';
            sum += digit * (n <= 6 ? n + 1 : n - 5);
        }

        var remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /// <summary>True for twelve ASCII digits whose last one is the check digit of the others.</summary>
    public static bool IsValid(string? number) =>
        number is { Length: 12 } && number.All(char.IsAsciiDigit) && number[11] - '0' == Of(number.AsSpan(0, 11));
}
