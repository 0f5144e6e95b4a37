using System.Globalization;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Reads a page of a published table for the preview and for datastore_search. Without filters a
/// page is a range read on (upload, row number). The first one-value filter is an index seek on
/// the column's <see cref="TableCell"/> index (built on first use by <see cref="ColumnIndex"/>);
/// other filters and search narrow the rows in the database with a LIKE on the stored JSON
/// (portable across SQLite and PostgreSQL), and everything is then checked exactly per cell;
/// sorting by a column happens in memory and is offered up to <see cref="MaxSortedRows"/> matching rows.
/// </summary>
public sealed class TableQuery(MadoguchiDb db, ColumnIndex columnIndex)
{
    public const int MaxSortedRows = 100_000;

    public sealed record Request(IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, string? Q, string? SortColumn, bool Descending, int Offset, int Limit);

    public sealed record Result(IReadOnlyList<string> Columns, IReadOnlyList<(int Id, string[] Values)> Rows, int Total, string? Error);

    public sealed record Table(Guid UploadId, IReadOnlyList<string> Columns, int RowCount);

    /// <summary>The published table of a resource (null when the resource is not public or not tabular).</summary>
    public async Task<Table?> PublishedTableAsync(Guid resourceId, CancellationToken ct)
    {
        var upload = await db.Set<DatasetResource>()
            .Where(r => r.Id == resourceId && db.Set<Dataset>().Any(d => d.Id == r.DatasetId && d.PublishedAt != null))
            .Select(r => db.Set<ResourceUpload>().Where(u => u.Id == r.PublishedUploadId && u.RowCount != null).Select(u => new { u.Id, u.ColumnsJson, u.RowCount }).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        return upload is null ? null : new Table(upload.Id, JsonSerializer.Deserialize<string[]>(upload.ColumnsJson ?? "[]") ?? [], upload.RowCount ?? 0);
    }

    public async Task<Result> RunAsync(Table table, Request request, CancellationToken ct)
    {
        var columns = table.Columns;
        foreach (var column in request.Filters.Keys.Append(request.SortColumn).OfType<string>())
        {
            if (!columns.Contains(column))
            {
                return new Result(columns, [], 0, $"列「{column}」はこの表にありません。");
            }
        }

        var rows = db.Set<ResourceRow>().AsNoTracking().Where(r => r.UploadId == table.UploadId);
        var terms = SearchText.Terms(request.Q);
        var filtered = request.Filters.Count > 0 || terms.Count > 0;
        if (!filtered && request.SortColumn is null)
        {
            var page = await rows.OrderBy(r => r.RowNumber).Skip(request.Offset).Take(request.Limit).Select(r => new { r.RowNumber, r.Data }).ToListAsync(ct);
            return new Result(columns, page.Select(p => (p.RowNumber, RowJson.Read(p.Data))).ToList(), table.RowCount, null);
        }

        // The first one-value filter seeks the column's value index; a filter with one value narrows
        // in SQL; several values (CKAN's list form) and search terms are checked per row below.
        string? seeked = null;
        if (request.Filters.FirstOrDefault(f => f.Value.Count == 1) is { Key: not null } first
            && await columnIndex.ReadyAsync(table.UploadId, columns.ToList().IndexOf(first.Key), ct))
        {
            var column = columns.ToList().IndexOf(first.Key);
            var key = TableCell.Key(first.Value[0]);
            var uploadId = table.UploadId;
            // Two steps, so the plan cannot turn into a walk over every row probing the index: the row
            // numbers from the index (a range read of it), then those rows by primary key.
            var numbers = await db.Set<TableCell>().Where(c => c.UploadId == uploadId && c.Column == column && c.Value == key)
                .Select(c => c.RowNumber).ToListAsync(ct);
            // One array parameter (json_each / = ANY), not one parameter per number: a common value
            // can match more rows than either database accepts parameters.
            rows = rows.Where(r => EF.Parameter(numbers).Contains(r.RowNumber));
            seeked = first.Key;
        }

        foreach (var (_, values) in request.Filters.Where(f => f.Value.Count == 1 && f.Key != seeked))
        {
            var pattern = "%" + Escape(RowJson.Cell(values[0])) + "%";
            rows = rows.Where(r => EF.Functions.Like(r.Data, pattern, "\\"));
        }

        if (!filtered && table.RowCount > MaxSortedRows)
        {
            return new Result(columns, [], 0, $"並べ替えは{MaxSortedRows:N0}行以下の表、または絞り込んだ結果でできます。");
        }

        var indexes = request.Filters.ToDictionary(f => columns.ToList().IndexOf(f.Key), f => f.Value);
        var sortIndex = request.SortColumn is null ? -1 : columns.ToList().IndexOf(request.SortColumn);
        var matches = new List<(int Id, string[] Values)>();
        await foreach (var row in rows.OrderBy(r => r.RowNumber).Select(r => new { r.RowNumber, r.Data }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var values = RowJson.Read(row.Data);
            if (indexes.All(f => f.Key < values.Length && f.Value.Contains(values[f.Key]))
                && terms.All(t => values.Any(v => SearchText.Normalise(v).Contains(t, StringComparison.Ordinal))))
            {
                matches.Add((row.RowNumber, values));
                if (sortIndex >= 0 && matches.Count > MaxSortedRows)
                {
                    return new Result(columns, [], 0, $"並べ替えは{MaxSortedRows:N0}行以下の表、または絞り込んだ結果でできます。");
                }
            }
        }

        IEnumerable<(int Id, string[] Values)> ordered = matches;
        if (sortIndex >= 0)
        {
            var comparer = Comparer<string>.Create(CompareCells);
            ordered = request.Descending
                ? matches.OrderByDescending(m => m.Values.ElementAtOrDefault(sortIndex) ?? "", comparer).ThenBy(m => m.Id)
                : matches.OrderBy(m => m.Values.ElementAtOrDefault(sortIndex) ?? "", comparer).ThenBy(m => m.Id);
        }

        return new Result(columns, ordered.Skip(request.Offset).Take(request.Limit).ToList(), matches.Count, null);
    }

    // Numbers as numbers (so 10 comes after 9), everything else by ordinal text.
    private static int CompareCells(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
