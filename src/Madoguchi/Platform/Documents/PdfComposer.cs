using SkiaSharp;

namespace Madoguchi.Platform.Documents;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Lays out a simple A4 document top to bottom (paragraphs, a label/value table, rules) as PDF with
/// the Japanese fonts, starting a new page when the current one is full. Notices, receipts and
/// printed check sheets are all this shape, so one small composer serves them instead of a
/// reporting engine.
/// </summary>
public sealed class PdfComposer : IDisposable
{
    // A4 in PDF points (1/72 inch); margins of about 20 mm.
    private const float PageWidth = 595.28f;
    private const float PageHeight = 841.89f;
    private const float Margin = 56.7f;
    private const float ContentWidth = PageWidth - (2 * Margin);

    private readonly SKDocument _document;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _rule = new() { Color = SKColors.Black, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };
    private SKCanvas? _canvas;
    private float _y;

    private PdfComposer(Stream output, string title)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "Madoguchi",
            Producer = "Madoguchi",
        });
    }

    /// <summary>Builds a whole document and returns its bytes.</summary>
    public static byte[] Compose(string title, Action<PdfComposer> build)
    {
        using var output = new MemoryStream();
        using (var composer = new PdfComposer(output, title))
        {
            build(composer);
            composer.Close();
        }

        return output.ToArray();
    }

    public void Paragraph(string text, float size = 10.5f, bool bold = false, TextAlign align = TextAlign.Left, float indent = 0)
    {
        using var font = Font(size, bold);
        var lineHeight = size * 1.7f;
        foreach (var line in LineBreaker.Wrap(text, font, ContentWidth - indent))
        {
            var canvas = Room(lineHeight);
            var x = align switch
            {
                TextAlign.Center => Margin + ((ContentWidth - font.MeasureText(line)) / 2),
                TextAlign.Right => Margin + ContentWidth - font.MeasureText(line),
                _ => Margin + indent,
            };
            canvas.DrawText(line, x, _y + size, SKTextAlign.Left, font, _ink);
            _y += lineHeight;
        }
    }

    public void Space(float points) => _y += points;

    /// <summary>
    /// A two-column bordered table (項目 | 内容). Long values wrap inside their cell, and a row taller
    /// than what is left of the page continues on the next one, so no text is ever cut off.
    /// </summary>
    public void Table(IEnumerable<(string Label, string Value)> rows, float size = 10.5f)
    {
        using var font = Font(size, bold: false);
        const float labelWidth = 130f;
        const float padding = 6f;
        var lineHeight = size * 1.6f;
        foreach (var (label, value) in rows)
        {
            var labelLines = LineBreaker.Wrap(label, font, labelWidth - (2 * padding));
            var valueLines = LineBreaker.Wrap(value, font, ContentWidth - labelWidth - (2 * padding));
            var count = Math.Max(labelLines.Count, valueLines.Count);
            for (var first = 0; first < count;)
            {
                // Keep at least one line together with its borders; take as many as the page holds.
                var canvas = Room(lineHeight + (2 * padding));
                var fit = Math.Max(1, (int)((PageHeight - Margin - _y - (2 * padding)) / lineHeight));
                var take = Math.Min(fit, count - first);
                var height = (take * lineHeight) + (2 * padding);
                canvas.DrawRect(Margin, _y, ContentWidth, height, _rule);
                canvas.DrawLine(Margin + labelWidth, _y, Margin + labelWidth, _y + height, _rule);
                DrawLines(canvas, Slice(labelLines, first, take), Margin + padding, _y + padding, lineHeight, font, size);
                DrawLines(canvas, Slice(valueLines, first, take), Margin + labelWidth + padding, _y + padding, lineHeight, font, size);
                _y += height;
                first += take;
            }
        }
    }

    private static IReadOnlyList<string> Slice(IReadOnlyList<string> lines, int first, int take) =>
        lines.Skip(first).Take(take).ToList();

    public void Rule()
    {
        var canvas = Room(8);
        canvas.DrawLine(Margin, _y + 4, Margin + ContentWidth, _y + 4, _rule);
        _y += 8;
    }

    private void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, float x, float top, float lineHeight, SKFont font, float size)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], x, top + (i * lineHeight) + size, SKTextAlign.Left, font, _ink);
        }
    }

    /// <summary>The canvas with at least <paramref name="height"/> points left, on a new page if needed.</summary>
    private SKCanvas Room(float height)
    {
        if (_canvas is null || _y + height > PageHeight - Margin)
        {
            if (_canvas is not null)
            {
                _document.EndPage();
            }

            _canvas = _document.BeginPage(PageWidth, PageHeight);
            _y = Margin;
        }

        return _canvas;
    }

    private static SKFont Font(float size, bool bold) =>
        new(bold ? JapaneseFonts.Bold : JapaneseFonts.Regular, size) { Subpixel = true };

    private void Close()
    {
        Room(0);
        _document.EndPage();
        _document.Close();
    }

    public void Dispose()
    {
        _document.Dispose();
        _ink.Dispose();
        _rule.Dispose();
    }
}
