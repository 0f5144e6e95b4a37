using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// 決定: approval or rejection by an approver of the department (or the municipality's admin). The
/// case page and, later, the API call the same entry point.
/// </summary>
public sealed class Decisions(MadoguchiDb db, ResidentNotices notices, IApplicationFees fees, TimeProvider time)
{
    /// <summary>
    /// Decides on the version the approver saw. A rejection needs its reason (it is printed on the
    /// 決定通知書, 行政手続法8条); an approval may carry a note.
    /// </summary>
    public async Task<CaseResult> DecideAsync(Guid applicationId, int expectedVersion, bool approve, string? reason, Guid staffId, CancellationToken ct)
    {
        if (CaseChanges.Required(reason, "reason", required: !approve) is { } invalid)
        {
            return invalid;
        }

        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, approve ? CaseAction.Approve : CaseAction.Reject, ct);
        if (found is null)
        {
            return refused!;
        }

        var application = found.Application;
        var now = time.GetUtcNow().UtcDateTime;
        application.Status = approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        application.DecidedAt = now;
        application.DecidedBy = staffId;
        application.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (approve && await fees.QuoteAsync(applicationId, ct) is { Timing: PaymentTiming.AfterApproval, TotalYen: > 0 }
            && await DaysToPayAsync(application, ct) is { } days)
        {
            // 事後決済: the deadline is fixed now, so that the sweep finds it by an index and a later change of the form cannot move it.
            application.PaymentDueAt = PaymentDeadlines.DueAt(now, days);
        }

        application.UpdatedAt = now;
        CaseChanges.Record(db, application, approve ? ApplicationEventKind.Approved : ApplicationEventKind.Rejected, EventActor.Staff, staffId, now, application.DecisionReason);
        notices.Decided(application, found.ProcedureTitle);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    private async Task<int?> DaysToPayAsync(Application application, CancellationToken ct) =>
        (await ProcedureDefinitions.LoadAsync(db, application.ProcedureId, application.ProcedureVersion, ct)).Fee.PaymentDays;
}
