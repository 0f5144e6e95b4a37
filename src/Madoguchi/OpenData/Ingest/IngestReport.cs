using System.Text.Json;

namespace Madoguchi.OpenData.Ingest;

/// <summary>A problem found in an upload, by row (line of the file; the header is row 1) and column.</summary>
public sealed record IngestProblem(int Row, string Column, string Message, bool IsError);

/// <summary>Collects problems; keeps the first <see cref="MaxStored"/> for the page and counts all.</summary>
public sealed class IngestReport
{
    public const int MaxStored = 1000;

    private readonly List<IngestProblem> _problems = [];

    public int Errors { get; private set; }
    public int Warnings { get; private set; }
    public IReadOnlyList<IngestProblem> Problems => _problems;

    public void Error(int row, string column, string message) => Add(new IngestProblem(row, column, message, true));

    public void Warning(int row, string column, string message) => Add(new IngestProblem(row, column, message, false));

    private void Add(IngestProblem problem)
    {
        if (problem.IsError)
        {
            Errors++;
        }
        else
        {
            Warnings++;
        }

        if (_problems.Count < MaxStored)
        {
            _problems.Add(problem);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(_problems);

    public static IReadOnlyList<IngestProblem> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<IngestProblem>>(json) ?? [];
}
