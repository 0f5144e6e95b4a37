using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Compiles ECMA-262 patterns for .NET. RegexOptions.ECMAScript is not used: it rejects Unicode
/// categories (<c>\p{L}</c>) that Japanese forms need. Instead the few classes whose meaning differs
/// are rewritten: ECMA <c>\d</c> and <c>\w</c> are ASCII-only, ECMA <c>\s</c> also covers U+FEFF,
/// <c>.</c> excludes every line terminator, and <c>$</c> means end of input (.NET's also matches
/// before a final newline).
/// </summary>
internal static class EcmaPattern
{
    /// <summary>Residents type into these fields; a pathological pattern must not hang a request.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool TryCompile(string pattern, out Regex regex, out string error)
    {
        error = "";
        if (Cache.TryGetValue(pattern, out var cached))
        {
            regex = cached;
            return true;
        }
        try
        {
            regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException exception)
        {
            regex = null!;
            error = exception.Message;
            return false;
        }
        Cache.TryAdd(pattern, regex);
        return true;
    }

    /// <summary>
    /// ECMA-262 accepts the long General_Category names (<c>\p{Letter}</c>, <c>\p{gc=Lu}</c>);
    /// .NET only the short ones. Script names map to .NET's Unicode blocks (<c>IsGreek</c>), which
    /// is close for the common scripts but not exact.
    /// </summary>
    private static string UnicodeProperty(string name)
    {
        var value = name.Contains('=', StringComparison.Ordinal) ? name[(name.IndexOf('=', StringComparison.Ordinal) + 1)..] : name;
        var isScript = name.StartsWith("Script", StringComparison.Ordinal) || name.StartsWith("sc=", StringComparison.Ordinal);
        if (isScript)
        {
            return "Is" + value.Replace("_", "", StringComparison.Ordinal);
        }
        return GeneralCategories.GetValueOrDefault(value, value);
    }

    private static readonly Dictionary<string, string> GeneralCategories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Combining_Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private static string Translate(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 2 < pattern.Length && pattern[i + 1] is 'p' or 'P' && pattern[i + 2] == '{')
            {
                var close = pattern.IndexOf('}', i + 3);
                if (close > 0)
                {
                    builder.Append('\\').Append(pattern[i + 1]).Append('{').Append(UnicodeProperty(pattern[(i + 3)..close])).Append('}');
                    i = close;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                i++;
                builder.Append(next switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'D' when !inClass => "[^0-9]",
                    'w' => inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]",
                    'W' when !inClass => "[^a-zA-Z0-9_]",
                    's' => inClass ? @"\s\uFEFF" : @"[\s\uFEFF]",
                    'S' when !inClass => @"[^\s\uFEFF]",
                    _ => "\\" + next,
                });
                continue;
            }
            if (inClass)
            {
                inClass = c != ']';
                builder.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    builder.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        builder.Append('^');
                        i++;
                    }
                    break;
                case '$':
                    builder.Append(@"\z");
                    break;
                case '.':
                    builder.Append(@"[^\n\r\u2028\u2029]");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
