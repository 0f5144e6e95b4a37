using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// What staff do with an arrived application before the decision: take it on, review it, ask for a
/// correction, write to the resident and to each other. Each call names the Version its actor saw.
/// </summary>
public sealed class Casework(MadoguchiDb db, ResidentNotices notices, TimeProvider time)
{
    /// <summary>Gives the case to <paramref name="assigneeId"/> (a reviewer or approver of its department, or the actor), or to nobody.</summary>
    public async Task<CaseResult> AssignAsync(Guid applicationId, int expectedVersion, Guid? assigneeId, Guid staffId, CancellationToken ct)
    {
        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, CaseAction.Assign, ct);
        if (found is null)
        {
            return refused!;
        }

        var candidates = await StaffRights.AssigneesAsync(db, found.DepartmentId, ct);
        var assignee = candidates.FirstOrDefault(c => c.Id == assigneeId);
        if (assigneeId == staffId && assignee is null)
        {
            // A municipality admin taking a case of a department they hold no role in.
            assignee = await db.Users.Where(u => u.Id == staffId).Select(u => new StaffMember(u.Id, u.DisplayName, u.Email ?? "")).SingleAsync(ct);
        }

        if (assigneeId is not null && assignee is null)
        {
            return new CaseResult(CaseOutcome.Invalid, found.Application.Status, "assignee");
        }

        var application = found.Application;
        var now = time.GetUtcNow().UtcDateTime;
        StartIfNew(application, staffId, now);
        application.AssigneeId = assigneeId;
        CaseChanges.Record(db, application, ApplicationEventKind.Assigned, EventActor.Staff, staffId, now, assignee?.Name);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    public async Task<CaseResult> StartReviewAsync(Guid applicationId, int expectedVersion, Guid staffId, CancellationToken ct)
    {
        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, CaseAction.StartReview, ct);
        if (found is null)
        {
            return refused!;
        }

        StartIfNew(found.Application, staffId, time.GetUtcNow().UtcDateTime);
        return await CaseChanges.CommitAsync(db, found.Application, expectedVersion, ct);
    }

    /// <summary>補正: the application goes back to the resident with <paramref name="message"/>, which they read on their detail page.</summary>
    public async Task<CaseResult> RequestCorrectionAsync(Guid applicationId, int expectedVersion, string message, Guid staffId, CancellationToken ct)
    {
        if (CaseChanges.Required(message, "message") is { } invalid)
        {
            return invalid;
        }

        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, CaseAction.RequestCorrection, ct);
        if (found is null)
        {
            return refused!;
        }

        var application = found.Application;
        var now = time.GetUtcNow().UtcDateTime;
        application.Status = ApplicationStatus.CorrectionRequested;
        application.UpdatedAt = now;
        CaseChanges.Record(db, application, ApplicationEventKind.CorrectionRequested, EventActor.Staff, staffId, now, message.Trim());
        notices.CorrectionRequested(application, found.ProcedureTitle);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    /// <summary>A message to the resident in the application's thread.</summary>
    public async Task<CaseResult> WriteAsync(Guid applicationId, int expectedVersion, string body, Guid staffId, CancellationToken ct)
    {
        if (CaseChanges.Required(body, "body") is { } invalid)
        {
            return invalid;
        }

        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, CaseAction.StaffMessage, ct);
        if (found is null)
        {
            return refused!;
        }

        var application = found.Application;
        var now = time.GetUtcNow().UtcDateTime;
        application.UpdatedAt = now;
        db.Add(new ApplicationMessage { TenantId = application.TenantId, ApplicationId = application.Id, At = now, StaffId = staffId, Body = body.Trim() });
        notices.MessageFromDepartment(application, found.ProcedureTitle);
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    /// <summary>内部メモ for the department's staff only.</summary>
    public async Task<CaseResult> AddNoteAsync(Guid applicationId, int expectedVersion, string body, Guid staffId, CancellationToken ct)
    {
        if (CaseChanges.Required(body, "body") is { } invalid)
        {
            return invalid;
        }

        var (found, refused) = await StaffCase.LoadAsync(db, applicationId, expectedVersion, staffId, CaseAction.Note, ct);
        if (found is null)
        {
            return refused!;
        }

        var application = found.Application;
        db.Add(new ApplicationNote { TenantId = application.TenantId, ApplicationId = application.Id, At = time.GetUtcNow().UtcDateTime, StaffId = staffId, Body = body.Trim() });
        return await CaseChanges.CommitAsync(db, application, expectedVersion, ct);
    }

    private void StartIfNew(Application application, Guid staffId, DateTime now)
    {
        if (application.Status != ApplicationStatus.Submitted)
        {
            return;
        }

        application.Status = ApplicationStatus.UnderReview;
        application.UpdatedAt = now;
        CaseChanges.Record(db, application, ApplicationEventKind.ReviewStarted, EventActor.Staff, staffId, now);
    }
}
