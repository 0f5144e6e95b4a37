using System.Data.Common;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Madoguchi.Bench;

/// <summary>
/// A throwaway database per run: a SQLite file in a temp folder, or a fresh PostgreSQL database
/// dropped at the end. Each platform write uses a new DbContext, as one request would.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    private readonly BenchOptions _options;
    private readonly string _connectionString;
    private readonly string? _tempDir;
    private readonly string? _pgDatabase;
    private DbConnection? _baseline;
    private DbCommand? _insert;
    private Tenant? _tenant;

    private BenchTarget(BenchOptions options, string connectionString, string? tempDir, string? pgDatabase)
    {
        _options = options;
        _connectionString = connectionString;
        _tempDir = tempDir;
        _pgDatabase = pgDatabase;
    }

    public bool IsPostgres => _pgDatabase is not null;

    public string ConnectionString => _connectionString;

    public Tenant Tenant => _tenant!;

    /// <summary>A context working inside the bench municipality, as a request of it would.</summary>
    public MadoguchiDb NewTenantDb() => NewDb(NewTenantContext());

    /// <summary>The bench municipality as a request in its portal would see it.</summary>
    public TenantContext NewTenantContext()
    {
        var tenant = new TenantContext();
        tenant.Set(_tenant!.Id, _tenant.Code, _tenant.Name, _tenant.NameEn);
        return tenant;
    }

    public static async Task<BenchTarget> CreateAsync(BenchOptions options)
    {
        BenchTarget target;
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
            target = new BenchTarget(options, cs, null, name);
        }
        else
        {
            var dir = Directory.CreateTempSubdirectory("madoguchi-bench-").FullName;
            target = new BenchTarget(options, $"Data Source={Path.Combine(dir, "madoguchi.db")}", dir, null);
        }

        await target.PrepareAsync();
        return target;
    }

    private async Task PrepareAsync()
    {
        await using (var db = NewDb(new TenantContext()))
        {
            await db.Database.MigrateAsync();
            _tenant = new Tenant { Code = "042030", Name = "ベンチ市", NameEn = "Bench City", Prefecture = "宮城県" };
            db.Tenants.Add(_tenant);
            await db.SaveChangesAsync();
        }

        // The baseline table lives in the same database, with the same durability settings.
        _baseline = IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        await _baseline.OpenAsync();
        if (!IsPostgres)
        {
            await ExecuteAsync(_baseline, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        }

        await ExecuteAsync(_baseline, "CREATE TABLE bench_rows (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)");
        _insert = _baseline.CreateCommand();
        _insert.CommandText = "INSERT INTO bench_rows (id, name, created_at) VALUES (@id, @name, @created)";
        foreach (var p in new[] { "@id", "@name", "@created" })
        {
            var parameter = _insert.CreateParameter();
            parameter.ParameterName = p;
            parameter.Value = "";
            _insert.Parameters.Add(parameter);
        }

        await _insert.PrepareAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One row, one autocommit transaction, no framework.</summary>
    public async Task BaselineInsertAsync(int i)
    {
        _insert!.Parameters[0].Value = Guid.CreateVersion7().ToString();
        _insert.Parameters[1].Value = $"課{i}";
        _insert.Parameters[2].Value = DateTime.UtcNow.ToString("O");
        await _insert.ExecuteNonQueryAsync();
    }

    /// <summary>A department created in a municipality's request: the row and its hash-chained audit entry.</summary>
    public async Task AuditedWriteAsync(int i)
    {
        var tenant = new TenantContext();
        tenant.Set(_tenant!.Id, _tenant.Code, _tenant.Name, _tenant.NameEn);
        await using var db = NewDb(tenant);
        db.Departments.Add(new Department { Name = $"ベンチ課{i}" });
        await db.SaveChangesAsync();
    }

    /// <summary>A mail queued by a use case and committed (also audited, as every platform write is).</summary>
    public async Task EnqueueMailAsync(int i)
    {
        var tenant = new TenantContext();
        tenant.Set(_tenant!.Id, _tenant.Code, _tenant.Name, _tenant.NameEn);
        await using var db = NewDb(tenant);
        new MailOutbox(db).Enqueue($"resident{i}@example.jp", "【ベンチ市】申請を受け付けました", "山田 太郎 様\n申請を受け付けました。\n");
        await db.SaveChangesAsync();
    }

    private MadoguchiDb NewDb(TenantContext tenant)
    {
        var actor = AuditActor.System("bench");
        if (IsPostgres)
        {
            return new PostgresMadoguchiDb(new DbContextOptionsBuilder<PostgresMadoguchiDb>()
                .UseNpgsql(_connectionString, s => s.MigrationsHistoryTable("__migrations")).Options, tenant, actor);
        }

        return new SqliteMadoguchiDb(new DbContextOptionsBuilder<SqliteMadoguchiDb>()
            .UseSqlite(_connectionString, s => s.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(new SqlitePragmas()).Options, tenant, actor);
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }

        if (_baseline is not null)
        {
            await _baseline.DisposeAsync();
        }

        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_options.PostgresConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_tempDir is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDir, recursive: true);
        }
    }
}
