using Microsoft.Data.Sqlite;
using Npgsql;

namespace Madoguchi.Bench;

/// <summary>
/// A throwaway database for one run: a SQLite file in a temp folder, or a fresh PostgreSQL database
/// dropped at the end. Nothing of a run survives it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _pgDatabase;
    private readonly string? _tempDir;

    private BenchDatabase(string connectionString, string? adminConnection, string? pgDatabase, string? tempDir)
    {
        ConnectionString = connectionString;
        _adminConnection = adminConnection;
        _pgDatabase = pgDatabase;
        _tempDir = tempDir;
    }

    public string ConnectionString { get; }

    public bool IsPostgres => _pgDatabase is not null;

    /// <summary>A folder for files of the run (the app's data directory).</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("madoguchi-bench-data-").FullName;

    public static async Task<BenchDatabase> CreateAsync(BenchOptions options)
    {
        if (options.Provider == "postgres")
        {
            var name = "madoguchi_bench_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(options.PostgresConnection))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(options.PostgresConnection) { Database = name }.ConnectionString;
            return new BenchDatabase(cs, options.PostgresConnection, name, null);
        }

        var dir = Directory.CreateTempSubdirectory("madoguchi-bench-").FullName;
        return new BenchDatabase($"Data Source={Path.Combine(dir, "madoguchi.db")}", null, null, dir);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var dir in new[] { _tempDir, DataDirectory })
        {
            if (dir is not null && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
