using System.Text;

namespace Madoguchi.Platform.Csv;

/// <summary>
/// Tells which encoding a CSV file uses, as people make them: UTF-8 (with or without BOM), UTF-16
/// with BOM (some Excel exports), or Shift_JIS — read as Windows-31J (CP932), because files from
/// Japanese Windows carry its extensions (①, ㈱, Ⅲ) that plain Shift_JIS lacks. UTF-8 is tried
/// first: CP932 decoding "succeeds" on many UTF-8 byte sequences, the reverse almost never.
/// Files that are not text at all (an xlsx, zip or PDF renamed to .csv, or random bytes) are named.
/// Every CSV the platform reads (open data, shelters, facilities, contact lists) goes through here.
/// </summary>
public static class CsvEncoding
{
    private delegate bool SpanPredicate(ReadOnlySpan<char> chars);

    public sealed record Result(string? Name, Encoding? Encoding, int PreambleLength, string? Error);

    static CsvEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Cp932 => Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static Task<Result> DetectAsync(string path, CancellationToken ct) => DetectAsync(() => File.OpenRead(path), ct);

    public static Task<Result> DetectAsync(byte[] bytes, CancellationToken ct) => DetectAsync(() => new MemoryStream(bytes, writable: false), ct);

    /// <param name="open">Opens the file from its start; called once per encoding tried.</param>
    private static async Task<Result> DetectAsync(Func<Stream> open, CancellationToken ct)
    {
        var head = new byte[8192];
        int read;
        await using (var probe = open())
        {
            read = await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var span = head.AsSpan(0, read);
        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            return new Result(null, null, 0, "CSVではなく、Excel（xlsx）やZIPのファイルのようです。Excelで「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。");
        }

        if (span.StartsWith("%PDF"u8))
        {
            return new Result(null, null, 0, "CSVではなく、PDFのファイルです。表のデータをCSVで保存してください。");
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return await WholeFileDecodesAsync(open, new UTF8Encoding(false, true), 3, ct)
                ? new Result("utf-8-bom", new UTF8Encoding(false, true), 3, null)
                : new Result(null, null, 0, "UTF-8（BOM付き）と書かれていますが、UTF-8として読めない部分があります。保存し直してください。");
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new Result("utf-16le", new UnicodeEncoding(false, false, true), 2, null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new Result("utf-16be", new UnicodeEncoding(true, false, true), 2, null);
        }

        if (span.Contains((byte)0))
        {
            return new Result(null, null, 0, "文字のファイル（CSV）ではありません。画像やプログラムなど、別の種類のファイルのようです。");
        }

        if (await WholeFileDecodesAsync(open, new UTF8Encoding(false, true), 0, ct))
        {
            return new Result("utf-8", new UTF8Encoding(false, true), 0, null);
        }

        if (await WholeFileDecodesAsync(open, Cp932, 0, ct, plausible: LooksLikeJapaneseText))
        {
            return new Result("shift_jis", Cp932, 0, null);
        }

        return new Result(null, null, 0, "文字コードを判別できません。UTF-8 または Shift_JIS のCSVで保存し直してください。");
    }

    // CP932 maps almost every byte to something (0x80 to U+0080, 0xFD–0xFF and 0xF0–0xF9 lead bytes
    // to private-use characters), so "decodes" is not enough: text people type has neither.
    private static bool LooksLikeJapaneseText(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c is >= '\u0080' and <= '\u009F' or >= '\uE000' and <= '\uF8FF' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> WholeFileDecodesAsync(Func<Stream> open, Encoding encoding, int skip, CancellationToken ct, SpanPredicate? plausible = null)
    {
        var decoder = encoding.GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        await using var file = open();
        file.Position = skip;
        try
        {
            int n;
            while ((n = await file.ReadAsync(bytes, ct)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                if (plausible is not null && !plausible(chars.AsSpan(0, count)))
                {
                    return false;
                }
            }

            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
