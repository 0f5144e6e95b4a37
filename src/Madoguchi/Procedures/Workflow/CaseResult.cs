using Madoguchi.Procedures.Applications;

namespace Madoguchi.Procedures.Workflow;

public enum CaseOutcome
{
    Done,
    /// <summary>No such application in the caller's reach (another resident's, department's or municipality's).</summary>
    NotFound,
    /// <summary>Visible to the caller, but the action needs a role they lack (deciding without 決裁 rights).</summary>
    Forbidden,
    /// <summary>Changed since the caller saw it (the Version they posted is old): nothing was done.</summary>
    Stale,
    /// <summary>Not allowed in the application's current status: nothing was done.</summary>
    NotAllowed,
    /// <summary>Input the action needs is missing or too long; <see cref="CaseResult.Field"/> names it.</summary>
    Invalid,
}

/// <summary>What an action did, and the status the application has now.</summary>
public sealed record CaseResult(CaseOutcome Outcome, ApplicationStatus? Status = null, string? Field = null)
{
    public bool Done => Outcome == CaseOutcome.Done;
}
