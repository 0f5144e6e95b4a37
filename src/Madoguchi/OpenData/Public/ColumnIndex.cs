using System.Data.Common;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// The <see cref="TableCell"/> index of the columns of a passed table, built in the background by
/// the ingest worker right after the upload passed, every column in one pass
/// (<see cref="BuildNextAsync"/>), so that filters soon after publication are index reads. Requests
/// never build: a filter on a column whose index is not ready yet scans the table's blocks
/// (correct, slower). The build is INSERT … SELECT over the stored blocks, a chunk of rows at a time
/// (SQLite json_each, PostgreSQL jsonb_array_elements). A claim row per column stops two nodes from
/// building the same column; a claim older than <see cref="StaleAfter"/> without ReadyAt (the node
/// died mid-way) is thrown away and built again.
/// </summary>
public sealed class ColumnIndex(MadoguchiDb db, TimeProvider time, ILogger<ColumnIndex> log)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Rows indexed per statement (a multiple of <see cref="ResourceRowBlock.Size"/>).</summary>
    private const int ChunkRows = 4096 * ResourceRowBlock.Size;

    /// <summary>True when the column's index is complete.</summary>
    public Task<bool> IsReadyAsync(Guid uploadId, int column, CancellationToken ct) =>
        db.Set<TableColumnIndex>().AnyAsync(m => m.UploadId == uploadId && m.Column == column && m.ReadyAt != null, ct);

    /// <summary>Passed tables of every municipality whose indexes are not all complete, oldest first (the worker runs outside a request).</summary>
    public static async Task<IReadOnlyList<(Guid Upload, Guid Tenant)>> PendingAsync(MadoguchiDb db, CancellationToken ct)
    {
        var pending = await db.Set<ResourceUpload>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.State == UploadState.Passed && u.RowCount != null && u.IndexedAt == null)
            .OrderBy(u => u.CompletedAt).Take(20).Select(u => new { u.Id, u.TenantId }).ToListAsync(ct);
        return pending.Select(u => (u.Id, u.TenantId)).ToList();
    }

    /// <summary>
    /// Builds the index of every column of the table not indexed yet, in one pass over its blocks (in
    /// the table's municipality scope), or marks the table indexed once every column is. False when
    /// there was nothing this node could do (another node is building).
    /// </summary>
    public async Task<bool> BuildNextAsync(Guid uploadId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var upload = await db.Set<ResourceUpload>().AsNoTracking().Where(u => u.Id == uploadId).Select(u => new { u.TenantId, u.ColumnsJson }).SingleAsync(ct);
        var columns = RowJson.Read(upload.ColumnsJson ?? "[]").Length;
        var markers = await db.Set<TableColumnIndex>().AsNoTracking().Where(m => m.UploadId == uploadId).ToListAsync(ct);
        if (markers.Count(m => m.ReadyAt != null) >= columns)
        {
            await db.Set<ResourceUpload>().Where(u => u.Id == uploadId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IndexedAt, now), ct);
            return true;
        }

        foreach (var stale in markers.Where(m => m.ReadyAt == null && m.StartedAt <= now - StaleAfter).ToList())
        {
            await DiscardAsync(uploadId, stale.Column);
            markers.Remove(stale);
        }

        var missing = Enumerable.Range(0, columns).Where(c => markers.All(m => m.Column != c)).ToArray();
        return missing.Length > 0 && await BuildAsync(upload.TenantId, uploadId, missing, ct);
    }

    private async Task<bool> BuildAsync(Guid tenantId, Guid uploadId, int[] columns, CancellationToken ct)
    {
        var started = time.GetUtcNow().UtcDateTime;
        var claims = columns.Select(c => new TableColumnIndex { TenantId = tenantId, UploadId = uploadId, Column = c, StartedAt = started }).ToList();
        db.AddRange(claims);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node claimed them first and builds them.
            return false;
        }
        finally
        {
            claims.ForEach(c => db.Entry(c).State = EntityState.Detached);
        }

        // Not cancelled with the host's shutdown half-way: a half-built index would only be thrown away.
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var rows = await db.Set<ResourceUpload>().Where(u => u.Id == uploadId).Select(u => u.RowCount ?? 0).SingleAsync(CancellationToken.None);
            for (var from = 1; from <= rows; from += ChunkRows)
            {
                // One transaction (and, on SQLite, one turn at the write gate) per chunk: other
                // writers of the municipality wait for a chunk, not for a whole million-row table.
                using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
                {
                    await InsertCellsAsync(uploadId, columns, from, from + ChunkRows);
                }
            }

            var ready = time.GetUtcNow().UtcDateTime;
            await db.Set<TableColumnIndex>().Where(m => m.UploadId == uploadId && columns.Contains(m.Column))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadyAt, ready), CancellationToken.None);
            log.LogInformation("Indexed {Columns} columns of upload {Upload} ({Rows} rows) in {Elapsed} ms", columns.Length, uploadId, rows, watch.ElapsedMilliseconds);
            return true;
        }
        catch (DbException e)
        {
            log.LogError(e, "Indexing the columns of upload {Upload} failed; filters scan the rows until they are built", uploadId);
            foreach (var column in columns)
            {
                await DiscardAsync(uploadId, column);
            }

            return false;
        }
    }

    // Each block's rows and each row's cells are expanded in SQL, once for all the columns (json_each's
    // key / the ordinality is the row's place in its block and the cell's column). Sorted by the
    // index's key, so the entries are appended to the key's B-tree in order instead of inserted at
    // random places (a column of town names in row order is random order).
    private Task<int> InsertCellsAsync(Guid uploadId, int[] columns, int from, int until) => db.Database.IsNpgsql()
        ? db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OpenDataCells" ("UploadId", "Column", "Value", "RowNumber", "TenantId")
            SELECT b."UploadId", (c.n - 1)::int, left(c.value, {TableCell.KeyLength}), b."FirstRow" + (r.n - 1)::int, b."TenantId"
            FROM "OpenDataRowBlocks" b,
                jsonb_array_elements(b."Data"::jsonb) WITH ORDINALITY AS r(value, n),
                jsonb_array_elements_text(r.value) WITH ORDINALITY AS c(value, n)
            WHERE b."UploadId" = {uploadId} AND b."FirstRow" >= {from} AND b."FirstRow" < {until} AND (c.n - 1)::int = ANY({columns})
            ORDER BY 2, 3, 4
            """)
        : db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OpenDataCells" ("UploadId", "Column", "Value", "RowNumber", "TenantId")
            SELECT b."UploadId", c.key, substr(c.value, 1, {TableCell.KeyLength}), b."FirstRow" + r.key, b."TenantId"
            FROM "OpenDataRowBlocks" b, json_each(b."Data") r, json_each(r.value) c
            WHERE b."UploadId" = {uploadId} AND b."FirstRow" >= {from} AND b."FirstRow" < {until}
                AND c.key IN (SELECT value FROM json_each({JsonSerializer.Serialize(columns)}))
            ORDER BY 2, 3, 4
            """);

    private async Task DiscardAsync(Guid uploadId, int column)
    {
        await db.Set<TableCell>().Where(c => c.UploadId == uploadId && c.Column == column).ExecuteDeleteAsync(CancellationToken.None);
        await db.Set<TableColumnIndex>().Where(m => m.UploadId == uploadId && m.Column == column).ExecuteDeleteAsync(CancellationToken.None);
    }
}
