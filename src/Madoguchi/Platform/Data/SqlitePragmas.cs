using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Madoguchi.Platform.Data;

/// <summary>
/// Every SQLite connection runs with write-ahead logging, full fsync on commit (an acknowledged
/// application must survive a killed process or a power cut) and foreign keys on. Reads go through
/// a memory map of up to 256 MB of the file (writes still go through the WAL): a page read is then a
/// memory access instead of a system call, which is most of the cost of reading a thousand reports.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA mmap_size=268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
