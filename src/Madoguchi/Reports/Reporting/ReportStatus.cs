namespace Madoguchi.Reports.Reporting;

/// <summary>受付 → 対応中 → 完了 / 対応不可; 統合済み when merged into another report (see docs/reports.md).</summary>
public enum ReportStatus
{
    Received = 0,
    InProgress = 1,
    Closed = 2,
    Declined = 3,
    Merged = 4,
}

public static class ReportStatuses
{
    public static string Name(ReportStatus status) => status switch
    {
        ReportStatus.Received => "受付",
        ReportStatus.InProgress => "対応中",
        ReportStatus.Closed => "完了",
        ReportStatus.Declined => "対応不可",
        ReportStatus.Merged => "統合済み",
        _ => status.ToString(),
    };

    public static bool IsOpen(ReportStatus status) => status is ReportStatus.Received or ReportStatus.InProgress;

    /// <summary>Where staff may move a report from <paramref name="from"/> (merging is its own action).</summary>
    public static IReadOnlyList<ReportStatus> NextOf(ReportStatus from) => from switch
    {
        ReportStatus.Received => [ReportStatus.InProgress, ReportStatus.Closed, ReportStatus.Declined],
        ReportStatus.InProgress => [ReportStatus.Closed, ReportStatus.Declined],
        ReportStatus.Closed or ReportStatus.Declined => [ReportStatus.InProgress],
        _ => [],
    };

    /// <summary>Open311 GeoReport v2 knows only "open" and "closed".</summary>
    public static string Open311(ReportStatus status) => IsOpen(status) ? "open" : "closed";
}
