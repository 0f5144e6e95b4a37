namespace Madoguchi.Counter.Assisted.Card;

/// <summary>
/// The check digit of the 12-digit 個人番号 (番号法施行令 第8条), so that a misread card is refused
/// before its number reaches a form. The form engine has its own check in the Procedures module,
/// which this module may not reference (module boundary); the rule is the same.
/// </summary>
internal static class MyNumberCheck
{
    public static bool IsValid(string number)
    {
        if (number.Length != 12 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            sum += (number[11 - n] - '0') * (n <= 6 ? n + 1 : n - 5);
        }

        var remainder = sum % 11;
        return number[11] - '0' == (remainder <= 1 ? 0 : 11 - remainder);
    }
}
