using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

/// <summary>
/// SQLite admits one writer at a time: a transaction that begins (IMMEDIATE) while another holds the
/// write lock is refused with SQLITE_BUSY and retried by SQLite's busy handler, which sleeps 1, 2, 5 …
/// up to 100 ms between tries. Under many concurrent submissions most of the time went into those
/// sleeps (the submission benchmark: 16 clients were slower than one). Writers of this process
/// therefore queue on a semaphore per database file and enter the moment the previous one commits;
/// the busy handler still guards against other processes. PostgreSQL needs no gate.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this process's turn to write; dispose the result after commit or rollback.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
