using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Apply;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Review;

/// <summary>An arrived application as its department's staff read it; another department's is not found.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApplicationReviewModel(MadoguchiDb db, FieldCipher fields) : PageModel
{
    public OwnApplication? Own { get; private set; }
    public IReadOnlyList<FormSummary.Section> Summary { get; private set; } = [];
    public IReadOnlyList<string> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var application = await db.Set<Application>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatus.Draft, ct);
        var procedure = application is null ? null : await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Id == application.ProcedureId, ct);
        if (application is null || procedure is null || !(scope.All || scope.Departments.Contains(procedure.DepartmentId)))
        {
            return NotFound();
        }

        var template = await ProcedureDefinitions.LoadAsync(db, procedure.Id, application.ProcedureVersion, ct);
        Own = new OwnApplication(application, procedure, template);
        Summary = FormSummary.Of(template, await fields.OpenAsync(application, ct));
        Attachments = await db.Set<ApplicationAttachment>().Where(a => a.ApplicationId == id)
            .Select(a => a.FileName + "（" + a.ContentType + "）").ToListAsync(ct);
        return Page();
    }
}
