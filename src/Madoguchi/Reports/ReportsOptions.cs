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

    /// <summary>Photos of a report form that was never sent are deleted after this long (from upload).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan UnsentPhotoMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each node looks for unsent photos to delete.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PhotoCleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
