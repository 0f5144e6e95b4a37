using System.Diagnostics;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Reporting;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Madoguchi.Bench;

/// <summary>
/// Fills the Report and ReportUpdate tables of one municipality fast, with plain SQL outside EF (as
/// <see cref="QueueSeeder"/> does): SQLite through one prepared INSERT in transactions of 20,000
/// rows, PostgreSQL through binary COPY. The spread is a city like 大崎市 over five years: most
/// reports around five town centres (古川, 鳴子, 三本木, 岩出山, 田尻; normal spread of 2.5 km),
/// the rest anywhere in the city's box; closed when old, open when recent; one history row each,
/// with the city's public note when the report has moved on from 受付. Rows are written oldest first,
/// as a city's table grows, so the newest reports lie together at the end of the table as they do
/// in production (random order would scatter them and make every read of recent reports a random read).
/// </summary>
internal static class ReportSeeder
{
    private const int Batch = 20_000;

    public const double MinLat = 38.46, MaxLat = 38.86, MinLon = 140.52, MaxLon = 141.13;

    public static readonly (double Lat, double Lon)[] Centres =
        [(38.5770, 140.9556), (38.7400, 140.7270), (38.5480, 140.9270), (38.6500, 140.8700), (38.6000, 141.1000)];

    private static readonly string[] ReportColumns =
    [
        "Id", "TenantId", "CategoryId", "DepartmentId", "Status", "Description", "Address", "Latitude", "Longitude", "Cell", "PublicNote", "AnswersJson",
        "NeedsReview", "Token", "CreatedAt", "UpdatedAt", "Version",
    ];

    private static readonly NpgsqlDbType[] ReportTypes =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Double, NpgsqlDbType.Double, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Boolean, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer,
    ];

    private static readonly string[] UpdateColumns = ["Id", "TenantId", "ReportId", "At", "Kind", "FromStatus", "ToStatus", "PublicNote"];

    private static readonly NpgsqlDbType[] UpdateTypes =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
    ];

    private const string PublicNote = "担当課で確認し、対応しました。";

    private static readonly string[] Descriptions =
    [
        "歩道に大きな穴があいている", "側溝のふたが割れている", "街灯が夜になっても点かない", "道路わきに家電が捨てられている",
        "公園のブランコの鎖が切れている", "倒木が道をふさいでいる", "カーブミラーが曲がって見えない", "車道に動物の死骸がある",
    ];

    public static async Task<TimeSpan> SeedAsync(BenchDatabase database, Guid tenantId, IReadOnlyList<Guid> categories, Guid departmentId, int count, DateTime now)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(20261205);
        for (var start = 0; start < count; start += Batch)
        {
            var reports = new List<object?[]>(Batch);
            var updates = new List<object?[]>(Batch);
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var (report, update) = NewRows(i, count, random, tenantId, categories, departmentId, now);
                reports.Add(report);
                updates.Add(update);
            }

            await WriteAsync(database, "Report", ReportColumns, ReportTypes, reports);
            await WriteAsync(database, "ReportUpdate", UpdateColumns, UpdateTypes, updates);
        }

        return stopwatch.Elapsed;
    }

    private static (object?[] Report, object?[] Update) NewRows(int i, int count, Random random, Guid tenantId, IReadOnlyList<Guid> categories, Guid departmentId, DateTime now)
    {
        var (lat, lon) = Place(random);
        const long fiveYearsOfMinutes = 5L * 365 * 24 * 60;
        var created = now - TimeSpan.FromMinutes((count - 1L - i) * fiveYearsOfMinutes / count + random.Next(0, 10));
        var roll = random.NextDouble();
        var status = (now - created).TotalDays < 30
            ? roll switch { < 0.40 => ReportStatus.Received, < 0.75 => ReportStatus.InProgress, < 0.95 => ReportStatus.Closed, _ => ReportStatus.Declined }
            : roll switch { < 0.01 => ReportStatus.Received, < 0.05 => ReportStatus.InProgress, < 0.89 => ReportStatus.Closed, < 0.99 => ReportStatus.Declined, _ => ReportStatus.Merged };
        var updated = status == ReportStatus.Received ? created : created + TimeSpan.FromHours(random.Next(1, 24 * 20));
        var id = Guid.CreateVersion7(created);
        var report = new object?[]
        {
            id, tenantId, categories[i % categories.Count], departmentId, status.ToString(), Descriptions[i % Descriptions.Length],
            $"大崎市内 {i % 997} 番地付近", lat, lon, GridCells.Of(lat, lon), status == ReportStatus.Received ? null : PublicNote, "{}", false, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24], created, updated, 0,
        };
        var update = status == ReportStatus.Received
            ? new object?[] { Guid.CreateVersion7(created), tenantId, id, created, nameof(ReportUpdateKind.Submitted), null, nameof(ReportStatus.Received), null }
            : [Guid.CreateVersion7(updated), tenantId, id, updated, nameof(ReportUpdateKind.StatusChanged), nameof(ReportStatus.Received), status.ToString(), PublicNote];
        return (report, update);
    }

    /// <summary>70 % around a town centre (Box–Muller normal, σ 2.5 km), 30 % anywhere in the box.</summary>
    public static (double Lat, double Lon) Place(Random random)
    {
        if (random.NextDouble() < 0.3)
        {
            return (MinLat + random.NextDouble() * (MaxLat - MinLat), MinLon + random.NextDouble() * (MaxLon - MinLon));
        }

        var (lat, lon) = Centres[random.Next(Centres.Length)];
        var r = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var a = 2 * Math.PI * random.NextDouble();
        const double sigmaKm = 2.5;
        return (Math.Clamp(lat + r * Math.Cos(a) * sigmaKm / 111.0, MinLat, MaxLat),
                Math.Clamp(lon + r * Math.Sin(a) * sigmaKm / (111.0 * Math.Cos(lat * Math.PI / 180)), MinLon, MaxLon));
    }

    private static async Task WriteAsync(BenchDatabase database, string table, string[] columns, NpgsqlDbType[] types, List<object?[]> rows)
    {
        if (database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var copy = await connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] is null)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(row[c], types[c]);
                    }
                }
            }

            await copy.CompleteAsync();
            return;
        }

        await using var sqlite = new SqliteConnection(database.ConnectionString);
        await sqlite.OpenAsync();
        await using (var pragma = sqlite.CreateCommand())
        {
            // Seeding only (not measured): the ids and dates arrive in random order, so every index
            // takes random writes; a large page cache keeps them in memory instead of on disk.
            pragma.CommandText = "PRAGMA cache_size = -400000; PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        for (var c = 0; c < columns.Length; c++)
        {
            insert.Parameters.Add(new SqliteParameter("@p" + c, null));
        }

        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                // As EF Core stores them on SQLite: GUIDs as upper-case text, booleans as 0/1.
                insert.Parameters[c].Value = row[c] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
