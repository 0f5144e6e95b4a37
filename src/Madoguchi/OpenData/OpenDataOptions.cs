using System.ComponentModel.DataAnnotations;

namespace Madoguchi.OpenData;

/// <summary>Settings of the open data catalogue (section "OpenData").</summary>
public sealed class OpenDataOptions
{
    /// <summary>Largest file a publisher may upload; a larger one is refused with a message.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>How often the ingest worker looks for uploads when nobody nudged it.</summary>
    public TimeSpan IngestPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker holds an upload; another node takes over a crashed one after this.</summary>
    public TimeSpan IngestLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Rows written per transaction (SQLite) or COPY (PostgreSQL) while ingesting. Batch commits do not
    /// wait for the disk (the commit that marks the upload Passed does), so batches can be small: at
    /// most four are in memory at once (being read, two in the channel, being written), and with
    /// 25,000 rows those ~20 MB of strings outlived the youngest GC generation and were copied on
    /// each collection (ingest 3.6–3.9 s against 3.1 s with 4,096 at load 6–8).
    /// </summary>
    [Range(100, 100_000)]
    public int IngestBatchRows { get; set; } = 4_096;

    /// <summary>How often the fetch worker looks for resources due to be fetched from their source URL.</summary>
    public TimeSpan FetchPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a fetch of a source URL may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a node holds a fetch; another node takes over after a crash.</summary>
    public TimeSpan FetchLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether source URLs may point at loopback and private networks. Off in production (a
    /// publisher must not make the server read internal services); tests and closed networks turn it on.
    /// </summary>
    public bool AllowPrivateFetchAddresses { get; set; }
}
