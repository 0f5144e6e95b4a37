using System.Runtime.CompilerServices;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Reads rows of a stored table out of its <see cref="ResourceRowBlock"/>s: a range in row order
/// (pages, exports, the map), chosen row numbers (what a column index found), or every row of the
/// blocks whose text contains given fragments (the scan). Only the rows asked for are returned.
/// </summary>
public static class TableRows
{
    public readonly record struct Row(int Number, string[] Values);

    /// <summary>Rows from..to (inclusive, 1-based) in order.</summary>
    public static async IAsyncEnumerable<Row> RangeAsync(MadoguchiDb db, Guid uploadId, int from, int to, [EnumeratorCancellation] CancellationToken ct)
    {
        if (to < from)
        {
            yield break;
        }

        var first = ResourceRowBlock.FirstRowOf(Math.Max(1, from));
        var blocks = db.Set<ResourceRowBlock>().AsNoTracking()
            .Where(b => b.UploadId == uploadId && b.FirstRow >= first && b.FirstRow <= to)
            .OrderBy(b => b.FirstRow).Select(b => new { b.FirstRow, b.Data });
        await foreach (var block in blocks.AsAsyncEnumerable().WithCancellation(ct))
        {
            var rows = RowJson.ReadBlock(block.Data);
            for (var i = 0; i < rows.Length; i++)
            {
                var number = block.FirstRow + i;
                if (number >= from && number <= to)
                {
                    yield return new Row(number, rows[i]);
                }
            }
        }
    }

    /// <summary>The rows with these numbers, in row order (numbers beyond the table are skipped).</summary>
    public static async IAsyncEnumerable<Row> NumbersAsync(MadoguchiDb db, Guid uploadId, IReadOnlyCollection<int> numbers, IReadOnlyList<string> fragments,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = numbers.ToHashSet();
        var firsts = wanted.Select(ResourceRowBlock.FirstRowOf).Distinct().ToList();
        // One array parameter (json_each / = ANY), not one parameter per block: a common value can
        // match more blocks than either database accepts parameters.
        var blocks = Narrow(db.Set<ResourceRowBlock>().AsNoTracking().Where(b => b.UploadId == uploadId && EF.Parameter(firsts).Contains(b.FirstRow)), fragments);
        await foreach (var block in blocks.OrderBy(b => b.FirstRow).Select(b => new { b.FirstRow, b.Data }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var rows = RowJson.ReadBlock(block.Data);
            for (var i = 0; i < rows.Length; i++)
            {
                if (wanted.Contains(block.FirstRow + i))
                {
                    yield return new Row(block.FirstRow + i, rows[i]);
                }
            }
        }
    }

    /// <summary>
    /// Every row of the blocks whose stored text contains each fragment (the database drops blocks
    /// that cannot match); the caller checks each row exactly.
    /// </summary>
    public static async IAsyncEnumerable<Row> ScanAsync(MadoguchiDb db, Guid uploadId, IReadOnlyList<string> fragments, [EnumeratorCancellation] CancellationToken ct)
    {
        var blocks = Narrow(db.Set<ResourceRowBlock>().AsNoTracking().Where(b => b.UploadId == uploadId), fragments);
        await foreach (var block in blocks.OrderBy(b => b.FirstRow).Select(b => new { b.FirstRow, b.Data }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var rows = RowJson.ReadBlock(block.Data);
            for (var i = 0; i < rows.Length; i++)
            {
                yield return new Row(block.FirstRow + i, rows[i]);
            }
        }
    }

    // A plain substring test (SQLite instr, PostgreSQL strpos): unlike LIKE it needs no escaping and
    // no case folding, and it is what the scan of a million-row table spends its time on.
    private static IQueryable<ResourceRowBlock> Narrow(IQueryable<ResourceRowBlock> blocks, IReadOnlyList<string> fragments)
    {
        foreach (var fragment in fragments)
        {
            blocks = blocks.Where(b => b.Data.Contains(fragment));
        }

        return blocks;
    }
}
