using System.Text;

namespace Madoguchi.Procedures.Exports;

/// <summary>
/// One CSV record as RFC 4180 writes it: fields separated by commas, a field quoted when it holds a
/// comma, a quote, CR or LF (quotes doubled inside), records ended by CRLF. A field that a
/// spreadsheet would take for a formula (= + - @ tab CR first) gets a leading apostrophe, so a
/// resident's "=HYPERLINK(…)" stays text when staff open the file in Excel (CSV injection).
/// </summary>
internal static class CsvRow
{
    public static void Append(StringBuilder line, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendField(line, fields[i]);
        }

        line.Append("\r\n");
    }

    public static void AppendField(StringBuilder line, string value)
    {
        var neutralised = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (neutralised.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(neutralised);
            return;
        }

        line.Append('"').Append(neutralised.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
