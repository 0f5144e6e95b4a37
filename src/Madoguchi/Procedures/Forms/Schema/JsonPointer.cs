namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>RFC 6901 escaping of reference tokens.</summary>
internal static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>Splits a pointer taken from a URI fragment into its unescaped tokens.</summary>
    public static IReadOnlyList<string> ParseFragment(string fragment)
    {
        if (fragment.Length == 0)
        {
            return [];
        }
        return fragment[1..].Split('/').Select(token => JsonPointer.Unescape(Uri.UnescapeDataString(token))).ToArray();
    }

    /// <summary>Canonical pointer text for lookups: percent-decoded, RFC 6901 escaped.</summary>
    public static string CanonicalFromFragment(string fragment) =>
        string.Concat(ParseFragment(fragment).Select(token => "/" + Escape(token)));
}
