using Madoguchi.Platform.Documents;
using SkiaSharp;

namespace Madoguchi.Tests.Platform.Documents;

public sealed class LineBreakerTests
{
    private static readonly SKFont Font = new(JapaneseFonts.Regular, 10);

    [Fact]
    public void Punctuation_never_starts_a_line()
    {
        var width = Font.MeasureText("あいうえお");
        var lines = LineBreaker.Wrap("あいうえお。かきくけこ、さしすせそ", Font, width);

        Assert.Equal("あいうえお。", lines[0]);
        Assert.All(lines, l => Assert.False(l.StartsWith('。') || l.StartsWith('、')));
        Assert.Equal("あいうえお。かきくけこ、さしすせそ", string.Concat(lines));
    }

    [Fact]
    public void An_opening_bracket_moves_down_with_what_it_opens()
    {
        var width = Font.MeasureText("あいうえ「");
        var lines = LineBreaker.Wrap("あいうえ「かき」", Font, width);

        Assert.Equal("あいうえ", lines[0]);
        Assert.StartsWith("「", lines[1]);
    }

    [Fact]
    public void Latin_words_break_at_spaces_and_newlines_are_kept()
    {
        var width = Font.MeasureText("Receipt number");
        var lines = LineBreaker.Wrap("Receipt number 2026-0000042\n二行目", Font, width);

        Assert.Equal(["Receipt number", "2026-0000042", "二行目"], lines);
    }
}
