using System.Data.Common;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Builds the <see cref="TableCell"/> index of a column the first time someone filters a published
/// table on it, instead of at ingest: a 1,000,000-row upload stays as fast to read in, and only the
/// columns people actually filter cost space. The build is one INSERT … SELECT over the row JSON
/// (SQLite json_extract, PostgreSQL jsonb ->>); the request that claims it waits for it, requests
/// meanwhile use the scan. A claim older than <see cref="StaleAfter"/> without ReadyAt (a node died
/// mid-way) is thrown away and built again.
/// </summary>
public sealed class ColumnIndex(MadoguchiDb db, TimeProvider time, ILogger<ColumnIndex> log)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>True when the column's index is complete (building it now if nobody has).</summary>
    public async Task<bool> ReadyAsync(Guid uploadId, int column, CancellationToken ct)
    {
        var marker = await db.Set<TableColumnIndex>().AsNoTracking().FirstOrDefaultAsync(m => m.UploadId == uploadId && m.Column == column, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (marker is not null)
        {
            if (marker.ReadyAt is not null)
            {
                return true;
            }

            if (marker.StartedAt > now - StaleAfter)
            {
                return false;
            }

            await DiscardAsync(uploadId, column);
        }

        var tenantId = await db.Set<ResourceUpload>().Where(u => u.Id == uploadId).Select(u => u.TenantId).SingleAsync(ct);
        var claim = new TableColumnIndex { TenantId = tenantId, UploadId = uploadId, Column = column, StartedAt = now };
        db.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request claimed it first; it builds, this one scans.
            return false;
        }
        finally
        {
            db.Entry(claim).State = EntityState.Detached;
        }

        // Not cancelled with the request: a half-built index would only be thrown away.
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
            {
                await BuildAsync(uploadId, column);
            }

            var ready = time.GetUtcNow().UtcDateTime;
            await db.Set<TableColumnIndex>().Where(m => m.UploadId == uploadId && m.Column == column).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadyAt, ready), CancellationToken.None);
            log.LogInformation("Indexed column {Column} of upload {Upload} in {Elapsed} ms", column, uploadId, started.ElapsedMilliseconds);
            return true;
        }
        catch (DbException e)
        {
            log.LogError(e, "Indexing column {Column} of upload {Upload} failed; filters scan the rows", column, uploadId);
            await DiscardAsync(uploadId, column);
            return false;
        }
    }

    private Task<int> BuildAsync(Guid uploadId, int column) => db.Database.IsNpgsql()
        ? db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OpenDataCells" ("UploadId", "Column", "Value", "RowNumber", "TenantId")
            SELECT "UploadId", {column}, left(COALESCE(("Data"::jsonb) ->> {column}, ''), {TableCell.KeyLength}), "RowNumber", "TenantId"
            FROM "OpenDataRows" WHERE "UploadId" = {uploadId}
            """)
        : db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OpenDataCells" ("UploadId", "Column", "Value", "RowNumber", "TenantId")
            SELECT "UploadId", {column}, substr(COALESCE(json_extract("Data", '$[' || {column} || ']'), ''), 1, {TableCell.KeyLength}), "RowNumber", "TenantId"
            FROM "OpenDataRows" WHERE "UploadId" = {uploadId}
            """);

    private async Task DiscardAsync(Guid uploadId, int column)
    {
        await db.Set<TableCell>().Where(c => c.UploadId == uploadId && c.Column == column).ExecuteDeleteAsync(CancellationToken.None);
        await db.Set<TableColumnIndex>().Where(m => m.UploadId == uploadId && m.Column == column).ExecuteDeleteAsync(CancellationToken.None);
    }
}
