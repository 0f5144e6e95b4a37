using System.Globalization;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Reads a page of a published table for the preview and for datastore_search. Without filters a
/// page is a range read of the few <see cref="ResourceRowBlock"/>s that hold it. The first one-value
/// filter whose column's <see cref="TableCell"/> index is ready (built in the background after
/// ingest by <see cref="ColumnIndex"/>) is an index seek; other filters, and filters on columns not
/// indexed yet, narrow the blocks in the database with a LIKE on the stored JSON (portable across
/// SQLite and PostgreSQL), and everything is then checked exactly per cell;
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

        var terms = SearchText.Terms(request.Q);
        var filtered = request.Filters.Count > 0 || terms.Count > 0;
        if (!filtered && request.SortColumn is null)
        {
            var page = new List<(int Id, string[] Values)>();
            var from = (int)Math.Min(int.MaxValue, (long)request.Offset + 1);
            var to = (int)Math.Min(int.MaxValue, (long)request.Offset + request.Limit);
            await foreach (var row in TableRows.RangeAsync(db, table.UploadId, from, to, ct))
            {
                page.Add((row.Number, row.Values));
            }

            return new Result(columns, page, table.RowCount, null);
        }

        if (!filtered && table.RowCount > MaxSortedRows)
        {
            return new Result(columns, [], 0, $"並べ替えは{MaxSortedRows:N0}行以下の表、または絞り込んだ結果でできます。");
        }

        // One-value filters narrow in SQL: the first whose column index is ready by an index read,
        // the others with a LIKE on the stored blocks. Several values (CKAN's list form) and search
        // terms are checked per row below, as is every filter exactly.
        var columnList = columns.ToList();
        List<int>? numbers = null;
        string? seeked = null;
        foreach (var (name, values) in request.Filters.Where(f => f.Value.Count == 1))
        {
            var column = columnList.IndexOf(name);
            if (await columnIndex.IsReadyAsync(table.UploadId, column, ct))
            {
                var key = TableCell.Key(values[0]);
                var uploadId = table.UploadId;
                numbers = await db.Set<TableCell>().Where(c => c.UploadId == uploadId && c.Column == column && c.Value == key)
                    .Select(c => c.RowNumber).ToListAsync(ct);
                seeked = name;
                break;
            }
        }

        var fragments = request.Filters.Where(f => f.Value.Count == 1 && f.Key != seeked).Select(f => RowJson.Cell(f.Value[0])).ToList();
        var rows = numbers is null
            ? TableRows.ScanAsync(db, table.UploadId, fragments, ct)
            : TableRows.NumbersAsync(db, table.UploadId, numbers, fragments, ct);
        var indexes = request.Filters.ToDictionary(f => columnList.IndexOf(f.Key), f => f.Value);
        var sortIndex = request.SortColumn is null ? -1 : columnList.IndexOf(request.SortColumn);
        var matches = new List<(int Id, string[] Values)>();
        await foreach (var (number, values) in rows)
        {
            if (indexes.All(f => f.Key < values.Length && f.Value.Contains(values[f.Key]))
                && terms.All(t => values.Any(v => SearchText.Normalise(v).Contains(t, StringComparison.Ordinal))))
            {
                matches.Add((number, values));
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
}
