using SkiaSharp;

namespace Madoguchi.Platform.Documents;

/// <summary>
/// Breaks Japanese text into lines of a given width. Japanese breaks between any two characters,
/// except that closing brackets and punctuation never start a line (行頭禁則: they hang at the end of
/// the line instead) and opening brackets never end one (行末禁則); runs of Latin letters and digits
/// break at spaces when they can.
/// </summary>
public static class LineBreaker
{
    private const string NoLineStart = "、。，．,.）)」』】〕〉》］]｝}！!？?：:；;ー…‥・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ％%";
    private const string NoLineEnd = "（(「『【〔〈《［[｛{";

    public static IReadOnlyList<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            WrapParagraph(paragraph, font, width, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, SKFont font, float width, List<string> lines)
    {
        var start = 0;
        while (start < paragraph.Length)
        {
            var end = FittingEnd(paragraph, start, font, width);
            if (end < paragraph.Length)
            {
                end = AdjustBreak(paragraph, start, end);
            }

            lines.Add(paragraph[start..end].TrimEnd());
            start = end;
            while (start < paragraph.Length && paragraph[start] == ' ')
            {
                start++;
            }
        }

        if (paragraph.Length == 0)
        {
            lines.Add("");
        }
    }

    /// <summary>The end (exclusive) of the longest run from <paramref name="start"/> that fits; at least one character.</summary>
    private static int FittingEnd(string text, int start, SKFont font, float width)
    {
        var end = start + 1;
        while (end < text.Length)
        {
            var next = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? end + 2 : end + 1;
            if (font.MeasureText(text.AsSpan(start, next - start)) > width)
            {
                break;
            }

            end = next;
        }

        return end;
    }

    private static int AdjustBreak(string text, int start, int end)
    {
        // Hanging punctuation: keep a closing mark on this line even past the margin.
        while (end < text.Length && NoLineStart.Contains(text[end]))
        {
            end++;
        }

        // An opening bracket moves to the next line with what it opens.
        while (end - 1 > start && NoLineEnd.Contains(text[end - 1]))
        {
            end--;
        }

        // Inside a Latin word or a number, go back to the last space if there is one.
        if (end < text.Length && IsWordChar(text[end]) && IsWordChar(text[end - 1]))
        {
            var space = text.LastIndexOf(' ', end - 1, end - start);
            if (space > start)
            {
                return space + 1;
            }
        }

        return end;
    }

    private static bool IsWordChar(char c) => c < 0x80 && char.IsLetterOrDigit(c);
}
