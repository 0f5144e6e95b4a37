using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>取下げ: asks once more, because a withdrawn application cannot be brought back.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class WithdrawModel(MadoguchiDb db, FieldCipher fields, ResidentCase cases, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public OwnApplication? Own { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, int version, CancellationToken ct)
    {
        var result = await cases.WithdrawAsync(id, SignedInResident.Id(User) ?? Guid.Empty, version, ct);
        if (result.Outcome == CaseOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Done)
        {
            TempData["notice"] = l["申請を取り下げました。"].Value;
            return Redirect($"/{tenant.Code}/account/applications/{id}");
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        ModelState.AddModelError("", ResidentRefusal.Text(l, result));
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        return Own is null || Own.Application.Status == ApplicationStatus.Draft ? NotFound() : null;
    }
}
