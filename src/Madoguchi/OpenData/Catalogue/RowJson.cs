using System.Text.Encodings.Web;
using System.Text.Json;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// How a table row is stored: a JSON array of strings with Japanese kept as characters (not \u
/// escapes), so that a LIKE over the stored text finds what people search for. A
/// <see cref="ResourceRowBlock"/> holds a JSON array of such rows.
/// </summary>
public static class RowJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string[] values) => JsonSerializer.Serialize(values, Options);

    /// <summary>
    /// The same text as <see cref="Write(string[])"/>, appended to a reused builder: a value whose characters the
    /// encoder leaves as they are (asked of the encoder itself, once per character) is copied
    /// between quotes; any other value goes through the serializer. The ingest writes a million rows
    /// this way without a serializer call, and without its allocations, per row.
    /// </summary>
    public static string Write(string[] values, System.Text.StringBuilder buffer) => Append(values, buffer.Clear()).ToString();

    /// <summary>Appends the row's JSON (the text of <see cref="Write(string[])"/>) to the builder: the ingest builds blocks of rows this way.</summary>
    public static System.Text.StringBuilder Append(string[] values, System.Text.StringBuilder buffer)
    {
        buffer.Append('[');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                buffer.Append(',');
            }

            AppendCell(values[i], buffer);
        }

        return buffer.Append(']');
    }

    /// <summary>Appends one value with its quotes, as the serializer writes it; the ingest hands the parser's field buffer over without making a string of it.</summary>
    public static void AppendCell(ReadOnlySpan<char> value, System.Text.StringBuilder buffer)
    {
        if (IsVerbatim(value))
        {
            buffer.Append('"').Append(value).Append('"');
        }
        else
        {
            buffer.Append(Cell(value.ToString()));
        }
    }

    // Characters of the Basic Multilingual Plane the relaxed encoder writes unchanged; quotes,
    // backslashes, control characters and surrogates (pairs or not) are always left to the serializer.
    private static readonly bool[] Verbatim = BuildVerbatim();

    private static bool[] BuildVerbatim()
    {
        var encoder = Options.Encoder!;
        var table = new bool[char.MaxValue + 1];
        for (var c = 0x20; c <= char.MaxValue; c++)
        {
            table[c] = c is not ('"' or '\\') && !char.IsSurrogate((char)c) && !encoder.WillEncode(c);
        }

        return table;
    }

    private static bool IsVerbatim(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!Verbatim[c])
            {
                return false;
            }
        }

        return true;
    }

    public static string[] Read(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];

    /// <summary>The rows of a <see cref="ResourceRowBlock"/>, in order.</summary>
    public static string[][] ReadBlock(string json) => JsonSerializer.Deserialize<string[][]>(json, Options) ?? [];

    /// <summary>How one cell value appears inside the stored text (with its quotes).</summary>
    public static string Cell(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>How a piece of a value appears inside the stored text (escaped, without quotes).</summary>
    public static string Fragment(string value) => Cell(value)[1..^1];
}
