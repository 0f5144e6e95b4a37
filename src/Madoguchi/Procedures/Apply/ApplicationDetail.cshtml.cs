using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Platform.Payments;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Fees;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>
/// The resident's own arrived application: status, history, the department's correction request,
/// the message thread, and what they can do now (correct and resubmit, withdraw, write).
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class ApplicationDetailModel(MadoguchiDb db, FieldCipher fields, ResidentCase cases, TenantContext tenant, IStringLocalizer<SharedResource> l,
    IApplicationFees fees, IFeePayments payments) : PageModel
{
    public OwnApplication? Own { get; private set; }
    public CaseFile Case { get; private set; } = new([], [], []);
    public string? Correction { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>事後決済: the fee owed after approval, paid, or expired; null when none.</summary>
    public AfterApprovalFee? Fee { get; private set; }

    /// <summary>The pay form's one-time key (a double click makes one payment).</summary>
    public Guid PayKey { get; } = Guid.NewGuid();

    public bool Allows(CaseAction action) => ReviewTransitions.Allows(Own!.Application.Status, action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id, int version, string? message, CancellationToken ct)
    {
        var result = await cases.WriteAsync(id, SignedInResident.Id(User) ?? Guid.Empty, version, message ?? "", ct);
        switch (result.Outcome)
        {
            case CaseOutcome.Done:
                TempData["notice"] = l["メッセージを送りました。"].Value;
                return Redirect($"/{tenant.Code}/account/applications/{id}");
            case CaseOutcome.NotFound:
                return NotFound();
            case CaseOutcome.Invalid:
                ModelState.AddModelError("message", l["メッセージを2000文字以内で入力してください。"]);
                break;
            default:
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError("", ResidentRefusal.Text(l, result));
                break;
        }

        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        if (Own is null)
        {
            return NotFound();
        }

        if (Own.Application.Status == ApplicationStatus.Draft)
        {
            return Redirect($"/{tenant.Code}/applications/{id}/pages/{Own.Application.CurrentPage}");
        }

        Case = await CaseFile.ForResidentAsync(db, id, ct);
        Correction = Case.OpenCorrection(Own.Application.Status);
        Fee = await AfterApprovalFee.LoadAsync(fees, payments, Own.Application, ct);
        return null;
    }
}
