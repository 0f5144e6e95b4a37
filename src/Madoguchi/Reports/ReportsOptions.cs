using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Reports;

/// <summary>Settings of the reports module (section "Reports").</summary>
public sealed class ReportsOptions
{
    /// <summary>Largest photo accepted, in bytes (after upload, before metadata is removed).</summary>
    [Range(100_000, 50_000_000)]
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 10)]
    public int MaxPhotosPerReport { get; set; } = 3;
}
