using System.Data.Common;
using System.Diagnostics;
using Madoguchi.Procedures.Applications;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Madoguchi.Bench;

/// <summary>
/// Fills the Applications table of one municipality fast, with plain SQL outside EF: SQLite through
/// one prepared INSERT in transactions of 20,000 rows, PostgreSQL through binary COPY in the same
/// batches. The spread is that of a city's years of online applications: five years of arrivals,
/// procedures used unevenly (a few carry most), decided when old, open when recent, a few stuck
/// past their due date, drafts never submitted.
/// </summary>
internal static class QueueSeeder
{
    private const int Batch = 20_000;

    private static readonly string[] Columns =
    [
        "Id", "TenantId", "ProcedureId", "ProcedureVersion", "ResidentId", "Channel", "Status", "Data", "CurrentPage",
        "ReceiptNumber", "SubmittedAt", "DueAt", "CreatedAt", "UpdatedAt", "Version",
    ];

    private sealed record Row(Guid Id, Guid ProcedureId, Guid ResidentId, ApplicationChannel Channel, ApplicationStatus Status,
        string Data, string? ReceiptNumber, DateTime? SubmittedAt, DateTime? DueAt, DateTime CreatedAt, DateTime UpdatedAt);

    public static async Task<TimeSpan> SeedAsync(BenchDatabase database, Guid tenantId, IReadOnlyList<Guid> procedures, int count, DateTime now)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(20261124);
        // Zipf-like use of procedures: the i-th most used gets weight 1/(i+1).
        var weights = procedures.Select((_, i) => 1.0 / (i + 1)).ToArray();
        var cumulative = weights.Select((_, i) => weights.Take(i + 1).Sum() / weights.Sum()).ToArray();
        for (var start = 0; start < count; start += Batch)
        {
            var rows = Enumerable.Range(start, Math.Min(Batch, count - start))
                .Select(i => NewRow(i, random, procedures, cumulative, now)).ToList();
            if (database.IsPostgres)
            {
                await CopyAsync(database, tenantId, rows);
            }
            else
            {
                await InsertAsync(database, tenantId, rows);
            }
        }

        return stopwatch.Elapsed;
    }

    private static Row NewRow(int i, Random random, IReadOnlyList<Guid> procedures, double[] cumulative, DateTime now)
    {
        var pick = random.NextDouble();
        var p = Math.Max(0, Array.FindIndex(cumulative, c => pick <= c));
        var created = now - TimeSpan.FromMinutes(random.Next(0, 5 * 365 * 24 * 60));
        var ageDays = (now - created).TotalDays;
        var roll = random.NextDouble();
        var status = roll < 0.05 ? ApplicationStatus.Draft
            : ageDays < 30
                ? roll switch { < 0.40 => ApplicationStatus.Submitted, < 0.75 => ApplicationStatus.UnderReview, < 0.82 => ApplicationStatus.CorrectionRequested, < 0.95 => ApplicationStatus.Approved, _ => ApplicationStatus.Rejected }
                : roll switch { < 0.055 => ApplicationStatus.UnderReview, < 0.06 => ApplicationStatus.Submitted, < 0.85 => ApplicationStatus.Approved, < 0.95 => ApplicationStatus.Rejected, _ => ApplicationStatus.Withdrawn };
        var submitted = status == ApplicationStatus.Draft ? (DateTime?)null : created + TimeSpan.FromMinutes(random.Next(5, 600));
        // 標準処理期間 of 14, 21 or 30 days depending on the procedure; a fifth have none.
        int? days = (p % 5) switch { 0 => null, 1 or 2 => 14, 3 => 21, _ => 30 };
        var receipt = submitted is { } s ? $"{s.Year}-{i + 1:D7}" : null;
        return new Row(
            Guid.CreateVersion7(created), procedures[p], Guid.CreateVersion7(created), random.NextDouble() < 0.15 ? ApplicationChannel.Counter : ApplicationChannel.Online,
            status, "{\"applicant\":{\"name\":\"住民 " + i + "\",\"nameKana\":\"ジュウミン\",\"postalCode\":\"980-0000\",\"address\":\"ベンチ市本町" + (i % 999) + "\"}}",
            receipt, submitted, submitted is { } at && days is { } d ? at.AddDays(d) : null, created, submitted ?? created);
    }

    private static async Task InsertAsync(BenchDatabase database, Guid tenantId, List<Row> rows)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"Applications\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))})";
        foreach (var c in Columns)
        {
            insert.Parameters.Add(new SqliteParameter("@" + c, null));
        }

        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            // As EF Core stores them on SQLite: GUIDs as upper-case text, enums as their names,
            // date-times as "yyyy-MM-dd HH:mm:ss.FFFFFFF" (the driver's own format for DateTime).
            object?[] values =
            [
                Text(row.Id), Text(tenantId), Text(row.ProcedureId), 1, Text(row.ResidentId), row.Channel.ToString(), row.Status.ToString(),
                row.Data, 0, row.ReceiptNumber, row.SubmittedAt, row.DueAt, row.CreatedAt, row.UpdatedAt, 0,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                insert.Parameters[c].Value = values[c] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static async Task CopyAsync(BenchDatabase database, Guid tenantId, List<Row> rows)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"Applications\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.ProcedureId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.ResidentId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.Channel.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Status.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Data, NpgsqlDbType.Text);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await WriteNullableAsync(copy, row.ReceiptNumber, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, row.SubmittedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, row.DueAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.UpdatedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

    /// <summary>
    /// Fresh planner statistics, and on PostgreSQL the visibility map, as autovacuum would leave a
    /// table that has settled (rows loaded by COPY are not yet marked all-visible, so without VACUUM
    /// every index-only scan would still visit the table).
    /// </summary>
    public static async Task AnalyzeAsync(BenchDatabase database)
    {
        await using DbConnection connection = database.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = database.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE";
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }
}
