using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Procedures.Apply;

/// <summary>The 決定通知書 of the resident's own decided application; anyone else's is not found.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class ResidentDecisionNoticeModel(MadoguchiDb db, FieldCipher fields, TenantContext tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        return own is not null && await DecisionNotices.RenderAsync(db, tenant.Name!, own.Application, own.Procedure, ct) is { } pdf
            ? File(pdf, "application/pdf", DecisionNotices.FileName(own.Application))
            : NotFound();
    }
}
