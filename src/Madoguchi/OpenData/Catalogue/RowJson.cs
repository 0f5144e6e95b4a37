using System.Text.Encodings.Web;
using System.Text.Json;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// How a table row is stored: a JSON array of strings with Japanese kept as characters (not \u
/// escapes), so that a LIKE over the stored text finds what people search for.
/// </summary>
public static class RowJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string[] values) => JsonSerializer.Serialize(values, Options);

    public static string[] Read(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];

    /// <summary>How one cell value appears inside the stored text (with its quotes).</summary>
    public static string Cell(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>How a piece of a value appears inside the stored text (escaped, without quotes).</summary>
    public static string Fragment(string value) => Cell(value)[1..^1];
}
