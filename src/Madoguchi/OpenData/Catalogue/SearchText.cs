using System.Text;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// Search by substring over one normalised column: a LIKE on both databases finds two-character
/// Japanese words (避難, 保育) that word-splitting full-text engines miss, and NFKC makes full-width
/// and half-width letters, digits and katakana equal.
/// </summary>
public static class SearchText
{
    public static string Normalise(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The terms of a query: split on spaces (half- and full-width), each must occur.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        Normalise(query).Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal))
            .Where(t => t.Length > 0).Take(8).ToList();

    public static string Of(Dataset dataset, string department, string? standardName) =>
        Normalise(string.Join('\n', dataset.Title, dataset.Description, string.Join(' ', dataset.Tags.Select(t => t.Name)),
            department, standardName ?? "", dataset.SpatialCoverage, dataset.Name));
}
