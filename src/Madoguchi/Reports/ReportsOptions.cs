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

    /// <summary>Reports one client address may send through the form per hour: anyone may report without an account, so this is the brake on floods.</summary>
    [Range(1, 10_000)]
    public int FormPostsPerHour { get; set; } = 20;

    /// <summary>Open311 requests one client address may post per hour (client apps usually post from their own server).</summary>
    [Range(1, 1_000_000)]
    public int Open311PostsPerHour { get; set; } = 600;
}
