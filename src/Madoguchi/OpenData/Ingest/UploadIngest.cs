using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Ingest;

/// <summary>
/// Reads one claimed upload: a CSV becomes a normalised UTF-8 table (rows in <see cref="ResourceRow"/>)
/// checked against its standard dataset; other formats are checked to be what they claim. The upload
/// ends Passed (publishable) or Failed with its report; the rows of a failed upload are removed, so
/// nothing of it can ever be served.
/// </summary>
public sealed class UploadIngest(MadoguchiDb db, UploadFiles files, IOptions<OpenDataOptions> options, TimeProvider time, ILogger<UploadIngest> log)
{
    public async Task RunAsync(Guid uploadId, CancellationToken ct)
    {
        var upload = await db.Set<ResourceUpload>().SingleAsync(u => u.Id == uploadId, ct);
        var resource = await db.Set<DatasetResource>().AsNoTracking().SingleAsync(r => r.Id == upload.ResourceId, ct);
        var standardCode = await db.Set<Dataset>().Where(d => d.Id == resource.DatasetId).Select(d => d.StandardCode).SingleAsync(ct);
        var path = files.PathOf(upload.TenantId, upload.Id);
        var report = new IngestReport();

        // Rows of an earlier, interrupted attempt (a node died mid-way) start over.
        await db.Set<ResourceRow>().Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);

        if (resource.Format == ResourceFormat.Csv)
        {
            var outcome = await IngestCsvAsync(upload, StandardDatasets.Find(standardCode), path, report, ct);
            upload.Encoding = outcome.Encoding;
            upload.ColumnsJson = JsonSerializer.Serialize(outcome.Columns);
            upload.RowCount = report.Errors == 0 ? outcome.Rows : null;
        }
        else
        {
            await FileCheck.CheckAsync(resource.Format, path, report, ct);
        }

        if (report.Errors > 0)
        {
            await db.Set<ResourceRow>().Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);
        }

        upload.PreviousRowCount = await db.Set<ResourceUpload>()
            .Where(u => u.ResourceId == upload.ResourceId && u.State == UploadState.Passed && u.Number < upload.Number)
            .OrderByDescending(u => u.Number).Select(u => u.RowCount).FirstOrDefaultAsync(ct);
        upload.State = report.Errors == 0 ? UploadState.Passed : UploadState.Failed;
        upload.ErrorCount = report.Errors;
        upload.WarningCount = report.Warnings;
        upload.ProblemsJson = report.ToJson();
        upload.ProcessedBytes = upload.Size;
        upload.CompletedAt = time.GetUtcNow().UtcDateTime;
        upload.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
    }

    private async Task<CsvTableReader.Outcome> IngestCsvAsync(ResourceUpload upload, StandardDataset? standard, string path, IngestReport report, CancellationToken ct)
    {
        var batch = new List<(int Number, string Data)>(options.Value.IngestBatchRows);
        var json = new System.Text.StringBuilder(1024);
        // Where the time goes, logged per upload: writing rows against everything else.
        var total = System.Diagnostics.Stopwatch.StartNew();
        var writing = new System.Diagnostics.Stopwatch();
        async Task FlushAsync()
        {
            writing.Start();
            await RowWriter.WriteAsync(db, upload.TenantId, upload.Id, batch, ct);
            writing.Stop();
            batch.Clear();
        }

        var outcome = await CsvTableReader.ReadAsync(path, standard, report,
            async (number, values) =>
            {
                batch.Add((number, RowJson.Write(values, json)));
                if (batch.Count >= options.Value.IngestBatchRows)
                {
                    await FlushAsync();
                }
            },
            async position =>
            {
                var lease = time.GetUtcNow().UtcDateTime + options.Value.IngestLease;
                await db.Set<ResourceUpload>().Where(u => u.Id == upload.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.ProcessedBytes, position).SetProperty(u => u.ClaimedUntil, lease), ct);
            },
            ct);
        if (report.Errors == 0)
        {
            await FlushAsync();
        }

        log.LogInformation("Ingested {Rows} rows of upload {Upload} in {Total} ms: writing them {Writing} ms, reading, decoding, checking and encoding them {Reading} ms",
            outcome.Rows, upload.Id, total.ElapsedMilliseconds, writing.ElapsedMilliseconds, total.ElapsedMilliseconds - writing.ElapsedMilliseconds);
        return outcome;
    }
}
