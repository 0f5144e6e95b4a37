using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Exports;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Madoguchi.Bench;

/// <summary>
/// CSV export of many applications: seeds them with one prepared ADO.NET insert per row in large
/// transactions (parameters built from the EF model's own type mappings, so the rows are exactly
/// what EF would write), then exports them through the real <see cref="ApplicationCsvExporter"/>
/// and, as the baseline, streams the same rows with a bare DbDataReader into a CSV writer. Reports
/// rows/s, the ratio to the baseline and the peak working set during each case.
/// </summary>
internal static class ExportBench
{
    private const string Sample = """
        {"claimant":{"name":"山田 太郎","nameKana":"ヤマダ タロウ","birthDate":"1988-04-12","gender":"男","myNumber":"123456789018","postalCode":"100-0001","address":"東京都千代田区千代田1-1-101","phone":"090-1234-5678","occupation":"会社員","employer":"株式会社みほん","pension":"厚生年金（会社員など）"},"hasSpouse":true,"spouse":{"name":"山田 花子","nameKana":"ヤマダ ハナコ","birthDate":"1990-08-03","myNumber":"987654321093","livingWith":"同居","occupation":"パート"},"children":[{"name":"山田 一郎","nameKana":"ヤマダ イチロウ","birthDate":"2009-05-20","relationship":"長男","livingWith":"別居","myNumber":"234567890121","address":"長野県長野市大字南長野1-1 みほん寮"},{"name":"山田 二葉","nameKana":"ヤマダ フタバ","birthDate":"2026-10-01","relationship":"長女","livingWith":"同居"}],"paymentAccount":"口座を指定する","account":{"bankCode":"0001","branchCode":"001","accountType":"普通","accountNumber":"1234567","holderKana":"ヤマダ タロウ"},"consentRecordCheck":true}
        """;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var target = await BenchTarget.CreateAsync(options);
        var (procedureId, version) = await OfferAsync(target);
        var seed = Stopwatch.StartNew();
        await SeedAsync(target, procedureId, version, options.Rows);
        seed.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"provider: {options.Provider}, {options.Rows:N0} applications of jidou-teate-nintei ({Encoding.UTF8.GetByteCount(Sample):N0} bytes of form data each), seeded in {seed.Elapsed.TotalSeconds:F1} s"));

        // Warm-up on a small range: JIT, query compilation, connection pools.
        await ExportAsync(target, procedureId, version, CsvEncodingKind.Utf8Bom, Stream.Null);
        (string Name, Func<Stream, Task<int>> Run)[] cases =
        [
            ("baseline: DbDataReader -> CSV", s => BaselineAsync(target, procedureId, s)),
            ("exporter, UTF-8 with BOM", s => ExportAsync(target, procedureId, version, CsvEncodingKind.Utf8Bom, s)),
            ("exporter, Shift_JIS", s => ExportAsync(target, procedureId, version, CsvEncodingKind.ShiftJis, s)),
        ];

        double? baseline = null;
        foreach (var (name, run) in cases)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sampler = new PeakSampler();
            var output = new CountingStream();
            var watch = Stopwatch.StartNew();
            var rows = await run(output);
            watch.Stop();
            var rate = rows / watch.Elapsed.TotalSeconds;
            baseline ??= rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {rows,8:N0} rows in {watch.Elapsed.TotalSeconds,6:F2} s = {rate,8:F0} rows/s  ratio {rate / baseline.Value:F2}  {output.Length / 1048576.0,7:F1} MiB written  peak working set {sampler.Peak / 1048576.0:F0} MiB"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process peak working set (incl. seeding): {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }

    private static async Task<(Guid Id, int Version)> OfferAsync(BenchTarget target)
    {
        await using var db = target.NewTenantDb();
        var department = new Department { Name = "子育て支援課" };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        await new TemplateEnabler(db).EnableAsync(TemplateLibrary.Embedded.Find("jidou-teate-nintei")!, department.Id, null, CancellationToken.None);
        var procedure = await db.Set<Procedure>().SingleAsync();
        return (procedure.Id, procedure.PublishedVersion);
    }

    private static async Task SeedAsync(BenchTarget target, Guid procedureId, int version, int count)
    {
        await using var db = target.NewTenantDb();
        var entity = db.Model.FindEntityType(typeof(Application))!;
        var table = entity.GetTableName()!;
        var properties = entity.GetProperties().ToList();
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))})";
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var start = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        const int perTransaction = 10_000;
        for (var done = 0; done < count;)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            command.Transaction = transaction;
            for (var end = Math.Min(count, done + perTransaction); done < end; done++)
            {
                var submitted = start.AddSeconds(done * 60);
                var application = new Application
                {
                    TenantId = target.Tenant.Id, ProcedureId = procedureId, ProcedureVersion = version, ResidentId = Guid.NewGuid(),
                    Status = done % 5 == 0 ? ApplicationStatus.Approved : ApplicationStatus.Submitted, Data = Sample,
                    ReceiptNumber = $"2026-{done + 1:D7}", SubmittedAt = submitted, CreatedAt = submitted, UpdatedAt = submitted,
                };
                command.Parameters.Clear();
                for (var i = 0; i < properties.Count; i++)
                {
                    var value = properties[i].PropertyInfo!.GetValue(application);
                    command.Parameters.Add(mappings[i].CreateParameter(command, "@p" + i, value, properties[i].IsNullable));
                }

                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static async Task<int> ExportAsync(BenchTarget target, Guid procedureId, int version, CsvEncodingKind encoding, Stream output)
    {
        await using var db = target.NewTenantDb();
        var result = await new ApplicationCsvExporter(db, BenchCipher.Create(target), target.NewTenantContext()).WriteAsync(
            new CsvExportRequest(procedureId, version, null, null, null, encoding, IncludeMyNumber: false), output, CancellationToken.None);
        return result.Rows;
    }

    /// <summary>The same rows, one reader, each field quoted as RFC 4180 asks, the form data as one JSON field.</summary>
    private static async Task<int> BaselineAsync(BenchTarget target, Guid procedureId, Stream output)
    {
        await using var db = target.NewTenantDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ReceiptNumber\", \"SubmittedAt\", \"Status\", \"Data\" FROM \"Applications\" WHERE \"ProcedureId\" = @p ORDER BY \"ReceiptNumber\"";
        var parameter = db.Model.FindEntityType(typeof(Application))!.FindProperty(nameof(Application.ProcedureId))!
            .GetRelationalTypeMapping().CreateParameter(command, "@p", procedureId, false);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                var text = reader.GetValue(i) is DateTime d ? d.ToString("O", CultureInfo.InvariantCulture) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                writer.Write('"');
                writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }

            writer.Write("\r\n");
            rows++;
        }

        await writer.FlushAsync();
        return rows;
    }

    /// <summary>Samples the process working set while a case runs.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public PeakSampler() => _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // stopping
                }
            }
        });

        public long Peak => Interlocked.Read(ref _peak);

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }

    /// <summary>A null stream that counts what was written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
