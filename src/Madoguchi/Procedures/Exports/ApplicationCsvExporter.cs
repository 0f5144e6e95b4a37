using System.Globalization;
using System.Text;
using System.Text.Json;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Exports;

/// <summary>Which applications of one procedure version go into a CSV, and how it is written.</summary>
public sealed record CsvExportRequest(
    Guid ProcedureId,
    int ProcedureVersion,
    ApplicationStatus? Status,
    DateOnly? ReceivedFrom,
    DateOnly? ReceivedTo,
    CsvEncodingKind Encoding,
    bool IncludeMyNumber);

public sealed record CsvExportResult(int Rows, int ReplacedCharacters, IReadOnlyList<string> ReplacedAt);

/// <summary>
/// Writes the applications of one procedure version as CSV while reading them: a batch of
/// <see cref="BatchSize"/> rows at a time in 到達番号 order (keyset, so each batch is one short
/// indexed query and no read transaction stays open), their attachments' names with one query per
/// batch, every row written before the next batch is read. Memory stays flat whatever the count.
/// </summary>
public sealed class ApplicationCsvExporter(MadoguchiDb db, FieldCipher cipher, TenantContext tenant)
{
    public const int BatchSize = 500;
    private const int ReplacedAtShown = 20;

    private sealed record Row(Guid Id, string ReceiptNumber, DateTime SubmittedAt, ApplicationStatus Status, ApplicationChannel Channel, string Data);

    public async Task<CsvExportResult> WriteAsync(CsvExportRequest request, Stream output, CancellationToken ct)
    {
        var template = await ProcedureDefinitions.LoadAsync(db, request.ProcedureId, request.ProcedureVersion, ct);
        var measured = new Dictionary<string, int>();
        var unbounded = ApplicationColumns.UnboundedRepeats(template);
        if (unbounded.Count > 0)
        {
            // The schema sets no upper bound: one extra pass finds how many columns the data needs.
            await foreach (var batch in BatchesAsync(request, ct))
            {
                foreach (var row in batch)
                {
                    using var data = JsonDocument.Parse(row.Data);
                    foreach (var pointer in unbounded)
                    {
                        measured[pointer] = Math.Max(measured.GetValueOrDefault(pointer), ApplicationColumns.ItemCount(data.RootElement, pointer));
                    }
                }
            }
        }

        var columns = ApplicationColumns.For(template, measured, request.IncludeMyNumber).Columns;
        var encoding = CsvEncoding.For(request.Encoding);
        await output.WriteAsync(encoding.Preamble.ToArray(), ct);
        await using var writer = new StreamWriter(output, encoding.Encoding, bufferSize: 64 * 1024, leaveOpen: true);

        var replaced = 0;
        var replacedAt = new List<string>();
        var line = new StringBuilder(4096);
        var fields = new List<string>(columns.Count + 4);

        string[] fixedHeaders = ["到達番号", "到達日時", "到達日時（和暦）", "状態", "受付経路"];
        fields.AddRange(fixedHeaders);
        fields.AddRange(columns.Select(c => c.Header));
        for (var i = 0; i < fields.Count; i++)
        {
            fields[i] = encoding.Fit(fields[i], out var n);
            replaced += n;
        }

        CsvField.AppendRecord(line, fields);
        await writer.WriteAsync(line, ct);

        var rows = 0;
        var ja = CultureInfo.GetCultureInfo("ja-JP");
        await foreach (var batch in BatchesAsync(request, ct))
        {
            var ids = batch.Select(r => r.Id).ToList();
            var files = (await db.Set<ApplicationAttachment>().AsNoTracking()
                    .Where(a => ids.Contains(a.ApplicationId))
                    .OrderBy(a => a.UploadedAt)
                    .Select(a => new { a.ApplicationId, a.AttachmentKey, a.FileName })
                    .ToListAsync(ct))
                .ToLookup(a => a.ApplicationId);

            foreach (var row in batch)
            {
                // Sealed 個人番号 and account numbers are opened here: masked or included below by the column rules.
                using var data = JsonDocument.Parse(await cipher.OpenJsonAsync(tenant.TenantId!.Value, row.Id, row.Data, ct));
                var attachments = files[row.Id].ToLookup(f => f.AttachmentKey, f => f.FileName);
                var local = Wareki.ToJapanTime(row.SubmittedAt);
                fields.Clear();
                fields.Add(row.ReceiptNumber);
                fields.Add(new DateTimeOffset(local, TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                fields.Add($"{Wareki.Date(local, ja)} {local:HH:mm}");
                fields.Add(ApplicationStatusNames.Of(row.Status));
                fields.Add(ApplicationStatusNames.Of(row.Channel));
                foreach (var column in columns)
                {
                    fields.Add(column.Value(data.RootElement, attachments));
                }

                for (var i = 0; i < fields.Count; i++)
                {
                    fields[i] = encoding.Fit(fields[i], out var n);
                    if (n > 0)
                    {
                        replaced += n;
                        if (replacedAt.Count < ReplacedAtShown)
                        {
                            replacedAt.Add($"{row.ReceiptNumber} {(i < fixedHeaders.Length ? fixedHeaders[i] : columns[i - fixedHeaders.Length].Header)}");
                        }
                    }
                }

                line.Clear();
                CsvField.AppendRecord(line, fields);
                await writer.WriteAsync(line, ct);
                rows++;
            }

            await writer.FlushAsync(ct);
        }

        await writer.FlushAsync(ct);
        return new CsvExportResult(rows, replaced, replacedAt);
    }

    private async IAsyncEnumerable<List<Row>> BatchesAsync(CsvExportRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = db.Set<Application>().AsNoTracking()
            .Where(a => a.ProcedureId == request.ProcedureId && a.ProcedureVersion == request.ProcedureVersion
                && a.Status != ApplicationStatus.Draft && a.ReceiptNumber != null);
        if (request.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        // Received dates are Japan calendar days; stored instants are UTC.
        if (request.ReceivedFrom is { } from)
        {
            var start = JapanMidnightUtc(from);
            query = query.Where(a => a.SubmittedAt >= start);
        }

        if (request.ReceivedTo is { } to)
        {
            var end = JapanMidnightUtc(to.AddDays(1));
            query = query.Where(a => a.SubmittedAt < end);
        }

        var after = "";
        while (true)
        {
            var last = after;
            var batch = await query.Where(a => string.Compare(a.ReceiptNumber, last) > 0)
                .OrderBy(a => a.ReceiptNumber)
                .Take(BatchSize)
                .Select(a => new Row(a.Id, a.ReceiptNumber!, a.SubmittedAt!.Value, a.Status, a.Channel, a.Data))
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                yield break;
            }

            yield return batch;
            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].ReceiptNumber;
        }
    }

    private static DateTime JapanMidnightUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).AddHours(-9);
}
