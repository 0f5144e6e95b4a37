using System.Text;
using System.Text.RegularExpressions;

namespace Madoguchi.Platform.Csv;

/// <summary>
/// Writes CSV as RFC 4180 does (a field quoted when it holds a comma, quote, CR or LF, quotes
/// doubled; records end with CRLF) so that a spreadsheet opening the file never runs it: a value
/// starting with = + - @ or a tab/CR is prefixed with an apostrophe (OWASP "CSV injection") and
/// quoted, except a plain number such as -12.5, which stays a number. Every CSV the platform
/// writes (staff exports, open data, shelters, safety checks) goes through here.
/// </summary>
public static partial class CsvField
{
    public static string Neutralise(string value)
    {
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || SignedNumber().IsMatch(value))
        {
            return value;
        }

        return "'" + value;
    }

    public static string Quote(string? value)
    {
        var raw = value ?? "";
        var safe = Neutralise(raw);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 || safe != raw ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>One record: the fields quoted as needed, joined by commas, ended by CRLF.</summary>
    public static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Quote)) + "\r\n";

    public static void AppendRecord(StringBuilder line, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Quote(field));
            first = false;
        }

        line.Append("\r\n");
    }

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex SignedNumber();
}
