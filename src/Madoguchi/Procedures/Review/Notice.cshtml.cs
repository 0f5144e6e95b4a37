using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Review;

/// <summary>The 決定通知書 of a decided case, for the staff who may open the case page.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class StaffDecisionNoticeModel(MadoguchiDb db, TenantContext tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var application = await db.Set<Application>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatus.Draft, ct);
        var procedure = application is null ? null : await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Id == application.ProcedureId, ct);
        if (application is null || procedure is null || !scope.Covers(procedure.DepartmentId))
        {
            return NotFound();
        }

        return await DecisionNotices.RenderAsync(db, tenant.Name!, application, procedure, ct) is { } pdf
            ? File(pdf, "application/pdf", DecisionNotices.FileName(application))
            : NotFound();
    }
}
