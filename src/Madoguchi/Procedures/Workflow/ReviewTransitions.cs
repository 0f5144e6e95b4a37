using Madoguchi.Procedures.Applications;

namespace Madoguchi.Procedures.Workflow;

public enum CaseAction
{
    StartReview,
    Assign,
    RequestCorrection,
    Resubmit,
    Approve,
    Reject,
    Withdraw,
    StaffMessage,
    ResidentMessage,
    Note,
}

/// <summary>
/// The one place that says which action is allowed in which status and where it leads (docs/workflow.md).
/// A decided or withdrawn application is final; a resubmitted correction goes back to 審査中, to the
/// member of staff who asked for it, rather than to the unassigned pile.
/// </summary>
public static class ReviewTransitions
{
    /// <summary>The status after <paramref name="action"/>, or null when it is not allowed in <paramref name="from"/>.</summary>
    public static ApplicationStatus? Target(ApplicationStatus from, CaseAction action) => (action, from) switch
    {
        (CaseAction.StartReview, ApplicationStatus.Submitted) => ApplicationStatus.UnderReview,
        // Taking a case on is starting to review it.
        (CaseAction.Assign, ApplicationStatus.Submitted) => ApplicationStatus.UnderReview,
        (CaseAction.Assign, ApplicationStatus.UnderReview or ApplicationStatus.CorrectionRequested) => from,
        (CaseAction.RequestCorrection, ApplicationStatus.Submitted or ApplicationStatus.UnderReview) => ApplicationStatus.CorrectionRequested,
        (CaseAction.Resubmit, ApplicationStatus.CorrectionRequested) => ApplicationStatus.UnderReview,
        (CaseAction.Approve, ApplicationStatus.Submitted or ApplicationStatus.UnderReview) => ApplicationStatus.Approved,
        (CaseAction.Reject, ApplicationStatus.Submitted or ApplicationStatus.UnderReview) => ApplicationStatus.Rejected,
        (CaseAction.Withdraw, ApplicationStatus.Submitted or ApplicationStatus.UnderReview or ApplicationStatus.CorrectionRequested) => ApplicationStatus.Withdrawn,
        // Questions about a decision are still answered; a withdrawn application is closed.
        (CaseAction.StaffMessage or CaseAction.ResidentMessage, not (ApplicationStatus.Draft or ApplicationStatus.Withdrawn)) => from,
        (CaseAction.Note, not ApplicationStatus.Draft) => from,
        _ => null,
    };

    public static bool Allows(ApplicationStatus from, CaseAction action) => Target(from, action) is not null;

    public static bool IsDecided(ApplicationStatus status) => status is ApplicationStatus.Approved or ApplicationStatus.Rejected;
}
