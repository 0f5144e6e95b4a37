using System.Data.Common;
using System.Globalization;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Madoguchi.OpenData.Ingest;

/// <summary>
/// Writes a batch of <see cref="ResourceRowBlock"/>s the fast way each database offers: PostgreSQL
/// binary COPY, SQLite prepared multi-row INSERTs re-bound per 64 blocks inside one transaction. Through EF's change tracker a
/// 1,000,000-row file took minutes (each entity tracked, each statement built); rows are
/// <see cref="NotAuditedAttribute"/> and carry their TenantId explicitly, so nothing the
/// interceptors do is skipped. Guids are bound with EF's own type mapping, so SQLite stores them
/// exactly as EF reads them.
/// </summary>
internal static class RowWriter
{
    public static async Task WriteAsync(MadoguchiDb db, Guid tenantId, Guid uploadId, IReadOnlyList<ResourceRowBlock> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection pg)
            {
                // As on SQLite, a batch's commit need not wait for the WAL flush: the commit that marks
                // the upload Passed (synchronous_commit on) flushes the WAL with every record before it,
                // and an upload cut short by a crash is read again from the start.
                await using var transaction = await pg.BeginTransactionAsync(ct);
                await using (var off = new NpgsqlCommand("SET LOCAL synchronous_commit TO OFF", pg, transaction))
                {
                    await off.ExecuteNonQueryAsync(ct);
                }

                // Synchronous writes: an awaited call per field costs more than the field.
                await using (var copy = await pg.BeginBinaryImportAsync("""COPY "OpenDataRowBlocks" ("TenantId", "UploadId", "FirstRow", "RowCount", "Data") FROM STDIN (FORMAT BINARY)""", ct))
                {
                    foreach (var block in rows)
                    {
                        copy.StartRow();
                        copy.Write(tenantId, NpgsqlDbType.Uuid);
                        copy.Write(uploadId, NpgsqlDbType.Uuid);
                        copy.Write(block.FirstRow, NpgsqlDbType.Integer);
                        copy.Write(block.RowCount, NpgsqlDbType.Integer);
                        copy.Write(block.Data, NpgsqlDbType.Text);
                    }

                    await copy.CompleteAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return;
            }

            using var turn = await SqliteWriteGate.EnterAsync(db, ct);
            var connection = db.Database.GetDbConnection();
            // A batch's commit need not wait for the disk: in WAL mode the next synchronous=FULL commit
            // (at the latest the one that marks the upload Passed) syncs the log with every frame before
            // it, and an upload cut short by a crash is read again from the start anyway (its rows are
            // deleted first). The connection goes back to the pool as it came (FULL).
            await SetSynchronousAsync(connection, "NORMAL", ct);
            try
            {
                await InsertAsync(db, connection, tenantId, uploadId, rows, ct);
            }
            finally
            {
                await SetSynchronousAsync(connection, "FULL", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task SetSynchronousAsync(DbConnection connection, string level, CancellationToken ct)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=" + level;
        await pragma.ExecuteNonQueryAsync(ct);
    }

    private static async Task InsertAsync(MadoguchiDb db, DbConnection connection, Guid tenantId, Guid uploadId, IReadOnlyList<ResourceRowBlock> rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var guids = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!;
        using var many = Insert(connection, transaction.GetDbTransaction(), guids, tenantId, uploadId, RowsPerStatement);
        using var one = Insert(connection, transaction.GetDbTransaction(), guids, tenantId, uploadId, 1);
        var i = 0;
        for (; i + RowsPerStatement <= rows.Count; i += RowsPerStatement)
        {
            Bind(many, rows, i, RowsPerStatement);
            many.ExecuteNonQuery();
        }

        for (; i < rows.Count; i++)
        {
            Bind(one, rows, i, 1);
            one.ExecuteNonQuery();
        }

        await transaction.CommitAsync(ct);
    }

    // SQLite: one prepared statement inserts this many blocks (5 parameters each, 2 shared), so the
    // per-statement cost of Microsoft.Data.Sqlite is paid once per 64 blocks.
    private const int RowsPerStatement = 64;

    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, RelationalTypeMapping guids, Guid tenantId, Guid uploadId, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("""INSERT INTO "OpenDataRowBlocks" ("TenantId", "UploadId", "FirstRow", "RowCount", "Data") VALUES """);
        command.Parameters.Add(guids.CreateParameter(command, "@t", tenantId));
        command.Parameters.Add(guids.CreateParameter(command, "@u", uploadId));
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@t, @u, @n{i}, @c{i}, @d{i})");
            var number = command.CreateParameter();
            number.ParameterName = $"@n{i}";
            command.Parameters.Add(number);
            var count = command.CreateParameter();
            count.ParameterName = $"@c{i}";
            command.Parameters.Add(count);
            var data = command.CreateParameter();
            data.ParameterName = $"@d{i}";
            command.Parameters.Add(data);
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, IReadOnlyList<ResourceRowBlock> rows, int from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            command.Parameters[2 + 3 * i].Value = rows[from + i].FirstRow;
            command.Parameters[3 + 3 * i].Value = rows[from + i].RowCount;
            command.Parameters[4 + 3 * i].Value = rows[from + i].Data;
        }
    }
}
