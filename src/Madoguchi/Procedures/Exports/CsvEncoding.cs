using System.Buffers;
using System.Text;

namespace Madoguchi.Procedures.Exports;

public enum CsvEncodingKind
{
    /// <summary>UTF-8 with a byte order mark: Excel (since 2016) opens it as UTF-8 by the BOM.</summary>
    Utf8Bom = 0,
    /// <summary>Shift_JIS as Windows writes it (CP932), for older Excel and many core systems.</summary>
    ShiftJis = 1,
}

/// <summary>
/// The two encodings Japanese offices open CSV with. For Shift_JIS, text is first fitted to what
/// CP932 can hold: characters that JIS X 0208 has under another Unicode code point (the wave dash
/// 〜 typed on a Mac is CP932's ～) are mapped, and what CP932 cannot hold at all (𠮷, emoji) becomes
/// 〓 (the geta mark, JIS's own sign for a missing character) and is counted, never dropped silently.
/// </summary>
internal sealed class CsvEncoding
{
    public const char Replacement = '〓';

    // JIS X 0208 characters whose Unicode mapping differs between JIS and Microsoft's CP932.
    private static readonly Dictionary<char, char> ToCp932 = new()
    {
        ['\u301C'] = '\uFF5E', // 〜 WAVE DASH → ～
        ['\u2016'] = '\u2225', // ‖ → ∥
        ['\u2212'] = '\uFF0D', // − MINUS SIGN → －
        ['\u00A2'] = '\uFFE0', // ¢
        ['\u00A3'] = '\uFFE1', // £
        ['\u00AC'] = '\uFFE2', // ¬
        ['\u2014'] = '\u2015', // — EM DASH → ―
    };

    private static readonly SearchValues<char> Mappable = SearchValues.Create("\u301C\u2016\u2212\u00A2\u00A3\u00AC\u2014");

    private readonly Encoding? _strict;

    private CsvEncoding(CsvEncodingKind kind)
    {
        Kind = kind;
        if (kind == CsvEncodingKind.ShiftJis)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _strict = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            Encoding = Encoding.GetEncoding(932, new EncoderReplacementFallback(Replacement.ToString()), DecoderFallback.ReplacementFallback);
        }
        else
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
    }

    public static CsvEncoding For(CsvEncodingKind kind) => new(kind);

    public CsvEncodingKind Kind { get; }

    /// <summary>The encoding of the bytes after <see cref="Preamble"/>.</summary>
    public Encoding Encoding { get; }

    public ReadOnlySpan<byte> Preamble => Kind == CsvEncodingKind.Utf8Bom ? "\uFEFF"u8 : [];

    public string FileExtensionSuffix => Kind == CsvEncodingKind.ShiftJis ? "_sjis" : "_utf8";

    public string ContentType => Kind == CsvEncodingKind.ShiftJis ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";

    /// <summary>The text as it will be written, and how many characters had to become 〓.</summary>
    public string Fit(string text, out int replaced)
    {
        replaced = 0;
        if (_strict is null || Ascii.IsValid(text))
        {
            return text;
        }

        var mapped = Map(text);
        try
        {
            _strict.GetByteCount(mapped);
            return mapped;
        }
        catch (EncoderFallbackException)
        {
            // Rare (a character outside JIS X 0208 and the CP932 extensions): go rune by rune.
        }

        var fitted = new StringBuilder(mapped.Length);
        foreach (var rune in mapped.EnumerateRunes())
        {
            var s = rune.ToString();
            if (Encodable(s))
            {
                fitted.Append(s);
            }
            else
            {
                fitted.Append(Replacement);
                replaced++;
            }
        }

        return fitted.ToString();
    }

    private bool Encodable(string s)
    {
        try
        {
            _strict!.GetByteCount(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static string Map(string text)
    {
        if (text.AsSpan().IndexOfAny(Mappable) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (ToCp932.TryGetValue(chars[i], out var mapped))
            {
                chars[i] = mapped;
            }
        }

        return new string(chars);
    }
}
