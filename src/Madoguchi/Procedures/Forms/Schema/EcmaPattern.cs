using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Compiles ECMA-262 patterns for .NET. RegexOptions.ECMAScript is not used: it rejects Unicode
/// categories (<c>\p{L}</c>) that Japanese forms need. Instead the few classes whose meaning differs
/// are rewritten: ECMA <c>\d</c> and <c>\w</c> are ASCII-only, and <c>$</c> means end of input
/// (.NET's also matches before a final newline).
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

    private static string Translate(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
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
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
