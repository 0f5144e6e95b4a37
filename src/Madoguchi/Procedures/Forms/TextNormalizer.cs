using System.Text;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// Japanese input methods often type full-width digits (０１２) and any of several dash characters; the
/// schema patterns use ASCII <c>\d</c> and "-" (as ECMA-262 does), so numeric-ish fields are normalised
/// before they are stored rather than rejected.
/// </summary>
internal static class TextNormalizer
{
    public static string AsciiDigits(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c);
        }

        return result.ToString();
    }

    /// <summary>－ (full-width hyphen-minus), ー (long vowel mark, often typed by mistake), ‐ ‑ – — − ― → "-".</summary>
    public static string AsciiHyphens(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is '－' or 'ー' or '‐' or '‑' or '–' or '—' or '−' or '―' or 'ｰ' ? '-' : c);
        }

        return result.ToString();
    }

    /// <summary>Digits only: a 個人番号 or an account number is often copied with spaces or hyphens between groups.</summary>
    public static string DigitsOnly(string text) =>
        new(AsciiDigits(text).Where(c => c is not (' ' or '　' or '-' or '－' or 'ー' or '‐')).ToArray());
}
