using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Madoguchi.Payments.Reconciliation;

/// <summary>
/// Bulk-loads settlement lines on PostgreSQL with binary COPY (Npgsql), on the context's open
/// connection and inside its current transaction, so a failed import still saves nothing. Column
/// names come from the EF model, so a renamed property cannot silently load the wrong column.
/// </summary>
internal static class SettlementCopy
{
    public static async Task WriteAsync(MadoguchiDb db, IReadOnlyList<SettlementLine> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(SettlementLine))!;
        var table = entity.GetTableName()!;
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName() + "\"";
        var columns = string.Join(", ", new[]
        {
            nameof(SettlementLine.Id), nameof(SettlementLine.TenantId), nameof(SettlementLine.Source), nameof(SettlementLine.LineId),
            nameof(SettlementLine.Reference), nameof(SettlementLine.Category), nameof(SettlementLine.AmountYen),
            nameof(SettlementLine.OccurredAt), nameof(SettlementLine.ImportId),
        }.Select(Column));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var line in lines)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(line.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(line.TenantId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(line.Source.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(line.LineId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(line.Reference, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(line.Category, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(line.AmountYen, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(DateTime.SpecifyKind(line.OccurredAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(line.ImportId, NpgsqlDbType.Uuid, ct);
        }

        await writer.CompleteAsync(ct);
    }
}
