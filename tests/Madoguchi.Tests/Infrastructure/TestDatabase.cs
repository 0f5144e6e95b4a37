using Npgsql;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test class, on the provider chosen by MADOGUCHI_TEST_DB
/// (sqlite by default, or postgres with MADOGUCHI_TEST_PG naming the server). ./test runs the
/// suite once per provider, so every data test runs on both.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public static string Provider => Environment.GetEnvironmentVariable("MADOGUCHI_TEST_DB") ?? "sqlite";

    public static bool IsPostgres => Provider == "postgres";

    public string ConnectionString { get; }
    private readonly string? _pgName;
    private readonly string? _sqlitePath;

    public TestDatabase()
    {
        if (IsPostgres)
        {
            var server = Environment.GetEnvironmentVariable("MADOGUCHI_TEST_PG")
                ?? throw new InvalidOperationException("MADOGUCHI_TEST_PG must name the PostgreSQL server for MADOGUCHI_TEST_DB=postgres.");
            _pgName = "mado_" + Guid.NewGuid().ToString("N");
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {_pgName}", admin);
                create.ExecuteNonQuery();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgName }.ConnectionString;
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), "madoguchi-tests");
            Directory.CreateDirectory(dir);
            _sqlitePath = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db");
            ConnectionString = $"Data Source={_sqlitePath}";
        }
    }

    public void Dispose()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("MADOGUCHI_TEST_PG"));
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }

        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
