using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Madoguchi.OpenData.Public;

/// <summary>Downloads of published files: the original as uploaded, or a tabular one as UTF-8 CSV (with BOM, for Excel). Each counts.</summary>
public static class OpenDataFilesApi
{
    public static void MapOpenDataFiles(this WebApplication app)
    {
        var group = app.MapGroup("/{tenant:municipality}/opendata/{name}/resources/{id:guid}");
        group.MapGet("/download", DownloadAsync);
        group.MapGet("/download.csv", CsvAsync);
    }

    private static async Task<IResult> DownloadAsync(string name, Guid id, MadoguchiDb db, UploadFiles files, CancellationToken ct)
    {
        var found = await PublishedAsync(db, name, id, ct);
        if (found is not { } upload)
        {
            return TypedResults.NotFound();
        }

        await CountAsync(db, id, ct);
        var stream = File.OpenRead(files.PathOf(upload.TenantId, upload.Id));
        return TypedResults.Stream(stream, upload.ContentType, upload.FileName, lastModified: upload.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{upload.Sha256}\""));
    }

    private static async Task<IResult> CsvAsync(string name, Guid id, MadoguchiDb db, CancellationToken ct)
    {
        var found = await PublishedAsync(db, name, id, ct);
        if (found is not { RowCount: not null } upload)
        {
            return TypedResults.NotFound();
        }

        await CountAsync(db, id, ct);
        var columns = JsonSerializer.Deserialize<string[]>(upload.ColumnsJson ?? "[]") ?? [];
        var fileName = Path.ChangeExtension(upload.FileName, null) + "_utf8.csv";
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(true), 1 << 16);
            await writer.WriteAsync(CsvField.Record(columns));
            // A few thousand rows per query, so no query holds the table open for the whole download.
            for (var from = 1; from <= upload.RowCount; from += 4096)
            {
                await foreach (var row in TableRows.RangeAsync(db, upload.Id, from, from + 4095, ct))
                {
                    await writer.WriteAsync(CsvField.Record(row.Values));
                }
            }
        }, "text/csv; charset=utf-8", fileName);
    }

    private static async Task<ResourceUpload?> PublishedAsync(MadoguchiDb db, string name, Guid id, CancellationToken ct) =>
        await db.Set<DatasetResource>()
            .Where(r => r.Id == id && db.Set<Dataset>().Any(d => d.Id == r.DatasetId && d.Name == name && d.PublishedAt != null))
            .Select(r => db.Set<ResourceUpload>().FirstOrDefault(u => u.Id == r.PublishedUploadId))
            .FirstOrDefaultAsync(ct);

    // A counter, not an audited change: who downloaded is nobody's business, how often is the KGI.
    private static Task CountAsync(MadoguchiDb db, Guid resourceId, CancellationToken ct) =>
        db.Set<DatasetResource>().Where(r => r.Id == resourceId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Downloads, r => r.Downloads + 1), ct);
}
