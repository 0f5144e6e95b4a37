namespace Madoguchi.Platform.Tenancy;

/// <summary>
/// 全国地方公共団体コード: five digits (prefecture + municipality) and a check digit. The check digit
/// is 11 minus the remainder of the digits weighted 6,5,4,3,2 divided by 11, keeping the ones
/// place (総務省「全国地方公共団体コード」の検査数字).
/// </summary>
public static class MunicipalityCode
{
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        return code[5] - '0' == CheckDigit(code.AsSpan(0, 5));
    }

    public static int CheckDigit(ReadOnlySpan<char> firstFive)
    {
        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += (firstFive[i] - '0') * (6 - i);
        }

        return (11 - (sum % 11)) % 10;
    }
}
