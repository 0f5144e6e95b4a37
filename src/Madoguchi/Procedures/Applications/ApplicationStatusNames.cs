namespace Madoguchi.Procedures.Applications;

/// <summary>How a status reads to a resident (Japanese, the key of the English text).</summary>
public static class ApplicationStatusNames
{
    public static string Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "入力中",
        ApplicationStatus.Submitted => "受付済み",
        ApplicationStatus.UnderReview => "審査中",
        ApplicationStatus.CorrectionRequested => "補正のお願い",
        ApplicationStatus.Approved => "承認",
        ApplicationStatus.Rejected => "不承認",
        ApplicationStatus.Withdrawn => "取下げ",
        ApplicationStatus.Expired => "期限切れ",
        _ => status.ToString(),
    };

    /// <summary>How the application arrived: オンライン, or 窓口 when counter staff filled it for a visitor (書かない窓口).</summary>
    public static string Of(ApplicationChannel channel) => channel == ApplicationChannel.Counter ? "窓口" : "オンライン";
}
