using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>An arrived application as a member of staff acts on it: its department and their rights there.</summary>
internal sealed record StaffCase(Application Application, Guid DepartmentId, string ProcedureTitle, StaffRights Rights)
{
    /// <summary>
    /// The case if the member of staff may take <paramref name="action"/> on it now; otherwise why not.
    /// Another department's or municipality's case is not found, whatever the action.
    /// </summary>
    public static async Task<(StaffCase? Case, CaseResult? Refused)> LoadAsync(
        MadoguchiDb db, Guid applicationId, int expectedVersion, Guid staffId, CaseAction action, CancellationToken ct)
    {
        var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId && a.Status != ApplicationStatus.Draft, ct);
        var procedure = application is null ? null : await db.Set<Procedure>().Where(p => p.Id == application.ProcedureId)
            .Select(p => new { p.DepartmentId, p.Title }).SingleAsync(ct);
        var rights = await StaffRights.LoadAsync(db, staffId, ct);
        if (application is null || procedure is null || !rights.CanWork(procedure.DepartmentId))
        {
            return (null, new CaseResult(CaseOutcome.NotFound));
        }

        if (action is CaseAction.Approve or CaseAction.Reject && !rights.CanDecide(procedure.DepartmentId))
        {
            return (null, new CaseResult(CaseOutcome.Forbidden, application.Status));
        }

        return CaseChanges.Check(application, expectedVersion, action) is { } refused
            ? (null, refused)
            : (new StaffCase(application, procedure.DepartmentId, procedure.Title, rights), null);
    }
}
