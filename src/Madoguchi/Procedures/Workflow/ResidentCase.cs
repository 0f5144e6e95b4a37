using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// What a resident does with their own arrived application: answer a correction request by
/// resubmitting, withdraw it, write to the department. Another resident's application is not found.
/// </summary>
public sealed class ResidentCase(MadoguchiDb db, TimeProvider time)
{
    /// <summary>
    /// 再提出 after a correction: the same 到達番号, back to 審査中 with its assignee. A double click
    /// posts the same Version twice, so only one resubmission is recorded.
    /// </summary>
    public async Task<CaseResult> ResubmitAsync(Guid applicationId, Guid residentId, int expectedVersion, string? mailTo, CancellationToken ct)
    {
        var (application, refused) = await LoadAsync(applicationId, residentId, expectedVersion, CaseAction.Resubmit, ct);
        if (application is null)
        {
            return refused!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.Status = ApplicationStatus.UnderReview;
        application.UpdatedAt = now;
        application.ContactEmail = mailTo ?? application.ContactEmail;
        CaseChanges.Record(db, application, ApplicationEventKind.Resubmitted, EventActor.Resident, residentId, now);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    /// <summary>取下げ, possible until the decision.</summary>
    public async Task<CaseResult> WithdrawAsync(Guid applicationId, Guid residentId, int expectedVersion, CancellationToken ct)
    {
        var (application, refused) = await LoadAsync(applicationId, residentId, expectedVersion, CaseAction.Withdraw, ct);
        if (application is null)
        {
            return refused!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.Status = ApplicationStatus.Withdrawn;
        application.UpdatedAt = now;
        CaseChanges.Record(db, application, ApplicationEventKind.Withdrawn, EventActor.Resident, residentId, now);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    public async Task<CaseResult> WriteAsync(Guid applicationId, Guid residentId, int expectedVersion, string body, CancellationToken ct)
    {
        if (CaseChanges.Required(body, "body") is { } invalid)
        {
            return invalid;
        }

        var (application, refused) = await LoadAsync(applicationId, residentId, expectedVersion, CaseAction.ResidentMessage, ct);
        if (application is null)
        {
            return refused!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.UpdatedAt = now;
        db.Add(new ApplicationMessage { TenantId = application.TenantId, ApplicationId = application.Id, At = now, FromResident = true, Body = body.Trim() });
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    private async Task<(Application? Application, CaseResult? Refused)> LoadAsync(
        Guid applicationId, Guid residentId, int expectedVersion, CaseAction action, CancellationToken ct)
    {
        var application = await db.Set<Application>()
            .SingleOrDefaultAsync(a => a.Id == applicationId && a.ResidentId == residentId && a.Status != ApplicationStatus.Draft, ct);
        if (application is null)
        {
            return (null, new CaseResult(CaseOutcome.NotFound));
        }

        return CaseChanges.Check(application, expectedVersion, action) is { } refused ? (null, refused) : (application, null);
    }
}
