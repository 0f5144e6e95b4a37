using System.Globalization;
using System.Text;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// Jaccard similarity of character bigrams. Japanese has no spaces between words, so word sets do
/// not work; bigrams of the NFKC-normalised text (穴が → 穴が, が開 …) match 道路の穴 with 穴があいた道路.
/// </summary>
public static class TextSimilarity
{
    public static double Of(string a, string b)
    {
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Count(y.Contains);
        return (double)shared / (x.Count + y.Count - shared);
    }

    private static HashSet<string> Bigrams(string text)
    {
        var normal = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                normal.Append(c);
            }
        }

        var s = normal.ToString();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < s.Length; i++)
        {
            set.Add(s.Substring(i, 2));
        }

        return set;
    }
}
