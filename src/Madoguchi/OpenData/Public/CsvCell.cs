using System.Text.RegularExpressions;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Writes a CSV cell so that a spreadsheet opening the file never runs it: a value starting with
/// = + - @ or a tab/CR is prefixed with an apostrophe (OWASP "CSV injection"), except a plain
/// number such as -12.5, which stays a number.
/// </summary>
public static partial class CsvCell
{
    public static string Neutralise(string value)
    {
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || SignedNumber().IsMatch(value))
        {
            return value;
        }

        return "'" + value;
    }

    public static string Quote(string value)
    {
        var safe = Neutralise(value);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 || safe != value ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex SignedNumber();
}
