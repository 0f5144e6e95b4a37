using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Madoguchi.Tests.OpenData;

/// <summary>The migration to row blocks (Od6c) keeps every table already read, row for row, and gives the rows back when reverted.</summary>
public sealed class RowBlockMigrationTests
{
    [Fact]
    public async Task Tables_read_before_the_blocks_keep_their_rows_and_get_them_back_on_the_way_down()
    {
        using var database = new TestDatabase();
        await using var db = Context(database.ConnectionString);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var blocks = migrations.Single(m => m.EndsWith("_Od6c", StringComparison.Ordinal));
        var before = migrations[migrations.IndexOf(blocks) - 1];
        await migrator.MigrateAsync(before);

        var tenant = Guid.CreateVersion7();
        var (big, small) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var rows = new Dictionary<Guid, List<string[]>>
        {
            [big] = Enumerable.Range(1, 40).Select(i => new[] { $"施設{i}", i % 2 == 0 ? "\"引用\"" : "", "a,b" }).ToList(),
            [small] = [["①", "x"], ["㈱", "y"], ["", ""]],
        };
        foreach (var (upload, table) in rows)
        {
            for (var i = 0; i < table.Count; i++)
            {
                var data = RowJson.Write(table[i]);
                var number = i + 1;
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "OpenDataRows" ("TenantId", "UploadId", "RowNumber", "Data") VALUES ({tenant}, {upload}, {number}, {data})""");
            }
        }

        await migrator.MigrateAsync(blocks);
        var stored = await db.Set<ResourceRowBlock>().IgnoreQueryFilters().OrderBy(b => b.FirstRow).ToListAsync();
        Assert.Equal(new[] { (1, 16), (17, 16), (33, 8) }, stored.Where(b => b.UploadId == big).Select(b => (b.FirstRow, b.RowCount)));
        Assert.Equal(new[] { (1, 3) }, stored.Where(b => b.UploadId == small).Select(b => (b.FirstRow, b.RowCount)));
        Assert.All(stored, b => Assert.Equal(tenant, b.TenantId));
        foreach (var (upload, table) in rows)
        {
            Assert.Equal(table, stored.Where(b => b.UploadId == upload).SelectMany(b => RowJson.ReadBlock(b.Data)));
        }

        await migrator.MigrateAsync(before);
        foreach (var (upload, table) in rows)
        {
            var back = await db.Database.SqlQuery<string>($"""SELECT "Data" AS "Value" FROM "OpenDataRows" WHERE "UploadId" = {upload} ORDER BY "RowNumber" """).ToListAsync();
            Assert.Equal(table, back.Select(d => JsonSerializer.Deserialize<string[]>(d)!));
        }
    }

    private static MadoguchiDb Context(string connectionString) => TestDatabase.IsPostgres
        ? new PostgresMadoguchiDb(new DbContextOptionsBuilder<PostgresMadoguchiDb>().UseNpgsql(connectionString).Options, new TenantContext(), AuditActor.System("test"))
        : new SqliteMadoguchiDb(new DbContextOptionsBuilder<SqliteMadoguchiDb>().UseSqlite(connectionString).Options, new TenantContext(), AuditActor.System("test"));
}
