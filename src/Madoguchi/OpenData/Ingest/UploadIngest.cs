using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Ingest;

/// <summary>
/// Reads one claimed upload: a CSV becomes a normalised UTF-8 table (rows in <see cref="ResourceRowBlock"/>s)
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
        await db.Set<ResourceRowBlock>().Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);

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
            await db.Set<ResourceRowBlock>().Where(r => r.UploadId == uploadId).ExecuteDeleteAsync(ct);
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

    /// <summary>
    /// Reads the file on one thread and writes its rows on this one, with a bounded channel of
    /// batches between them (the machine's two cores each do one; the channel's bound keeps memory
    /// at a few batches whatever the file's size). Rows go into blocks of
    /// <see cref="ResourceRowBlock.Size"/> as they are read. Only this thread uses the DbContext:
    /// progress read by the reader is written here.
    /// </summary>
    private async Task<CsvTableReader.Outcome> IngestCsvAsync(ResourceUpload upload, StandardDataset? standard, string path, IngestReport report, CancellationToken ct)
    {
        var batchBlocks = Math.Max(1, options.Value.IngestBatchRows / ResourceRowBlock.Size);
        var channel = Channel.CreateBounded<List<ResourceRowBlock>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long position = 0;
        // Where the time goes, logged per upload: the reader's own time (without the time it waited
        // for room in the channel) and the writer's.
        var total = Stopwatch.StartNew();
        var reading = Task.Run(() => ReadBlocksAsync(upload, standard, path, report, batchBlocks, channel.Writer, p => Interlocked.Exchange(ref position, p), stop.Token), stop.Token);
        var writing = new Stopwatch();
        var progressed = Stopwatch.StartNew();
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
            {
                writing.Start();
                await RowWriter.WriteAsync(db, upload.TenantId, upload.Id, batch, stop.Token);
                // The progress bar and the lease move once a second, not per batch: each is a commit.
                if (progressed.ElapsedMilliseconds >= 1000)
                {
                    var lease = time.GetUtcNow().UtcDateTime + options.Value.IngestLease;
                    var read = Interlocked.Read(ref position);
                    await db.Set<ResourceUpload>().Where(u => u.Id == upload.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(u => u.ProcessedBytes, read).SetProperty(u => u.ClaimedUntil, lease), stop.Token);
                    progressed.Restart();
                }

                writing.Stop();
            }
        }
        catch
        {
            // The writer failed (or the host stops): stop the reader too, then report the first failure.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            throw;
        }

        var (outcome, readMs) = await reading;
        log.LogInformation("Ingested {Rows} rows of upload {Upload} in {Total} ms: reading, decoding, checking and encoding them {Reading} ms, writing them {Writing} ms (on two threads at once)",
            outcome.Rows, upload.Id, total.ElapsedMilliseconds, readMs, writing.ElapsedMilliseconds);
        return outcome;
    }

    private static async Task<(CsvTableReader.Outcome Outcome, long Milliseconds)> ReadBlocksAsync(ResourceUpload upload, StandardDataset? standard, string path, IngestReport report,
        int batchBlocks, ChannelWriter<List<ResourceRowBlock>> output, Action<long> progress, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var waited = new Stopwatch();
        try
        {
            var batch = new List<ResourceRowBlock>(batchBlocks);
            var block = new StringBuilder(4096);
            var first = 0;
            var count = 0;
            var next = 1;
            async Task EndBlockAsync()
            {
                batch.Add(new ResourceRowBlock { TenantId = upload.TenantId, UploadId = upload.Id, FirstRow = first, RowCount = count, Data = block.Append(']').ToString() });
                count = 0;
                if (batch.Count >= batchBlocks)
                {
                    waited.Start();
                    await output.WriteAsync(batch, ct);
                    waited.Stop();
                    batch = new List<ResourceRowBlock>(batchBlocks);
                }
            }

            var outcome = await CsvTableReader.ReadAsync(path, standard, report,
                (number, fields) =>
                {
                    // Blocks are found by arithmetic on row numbers (ResourceRowBlock.FirstRowOf), so
                    // the reader's numbering must be 1, 2, 3 … without gaps; anything else is a bug.
                    if (number != next++)
                    {
                        throw new InvalidOperationException($"Row {number} came where row {next - 1} was expected.");
                    }

                    if (count == 0)
                    {
                        block.Clear().Append('[');
                        first = number;
                    }
                    else
                    {
                        block.Append(',');
                    }

                    block.Append('[');
                    for (var i = 0; i < fields.FieldCount; i++)
                    {
                        if (i > 0)
                        {
                            block.Append(',');
                        }

                        RowJson.AppendCell(fields.GetFieldSpan(i), block);
                    }

                    block.Append(']');
                    return ++count == ResourceRowBlock.Size ? new ValueTask(EndBlockAsync()) : ValueTask.CompletedTask;
                },
                position =>
                {
                    progress(position);
                    return Task.CompletedTask;
                },
                ct);
            if (report.Errors == 0 && count > 0)
            {
                await EndBlockAsync();
            }

            if (report.Errors == 0 && batch.Count > 0)
            {
                await output.WriteAsync(batch, ct);
            }

            output.TryComplete();
            return (outcome, started.ElapsedMilliseconds - waited.ElapsedMilliseconds);
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }
}
