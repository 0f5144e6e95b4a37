namespace Madoguchi.Procedures.Workflow;

/// <summary>How a step of the history reads (Japanese, the key of the English text).</summary>
public static class ApplicationEventNames
{
    public static string Of(ApplicationEventKind kind) => kind switch
    {
        ApplicationEventKind.Submitted => "申請（到達）",
        ApplicationEventKind.ReviewStarted => "審査開始",
        ApplicationEventKind.Assigned => "担当者の割当て",
        ApplicationEventKind.CorrectionRequested => "補正の依頼",
        ApplicationEventKind.Resubmitted => "再提出",
        ApplicationEventKind.Approved => "承認",
        ApplicationEventKind.Rejected => "不承認",
        ApplicationEventKind.Withdrawn => "取下げ",
        ApplicationEventKind.FeePaid => "手数料の納付",
        ApplicationEventKind.PaymentExpired => "支払期限切れ",
        _ => kind.ToString(),
    };
}
