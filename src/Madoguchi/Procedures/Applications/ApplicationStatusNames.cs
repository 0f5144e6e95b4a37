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
        _ => status.ToString(),
    };
}
