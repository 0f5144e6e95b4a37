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

    /// <summary>Rows written per database round trip while ingesting.</summary>
    [Range(100, 100_000)]
    public int IngestBatchRows { get; set; } = 2000;
}
