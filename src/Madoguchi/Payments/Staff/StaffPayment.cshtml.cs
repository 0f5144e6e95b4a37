using System.ComponentModel.DataAnnotations;
using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.Refunds;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Payments.Staff;

/// <summary>One payment for staff: its refunds, a request for a refund, and the approval of one by another member of staff.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class StaffPaymentModel(MadoguchiDb db, RefundDesk desk, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public Payment? Payment { get; private set; }
    public IReadOnlyList<Refund> Refunds { get; private set; } = [];
    public bool MayApprove { get; private set; }
    public Guid Me => PaymentsAccess.StaffId(User);

    public sealed class RefundForm
    {
        [Required(ErrorMessage = "返金額を入力してください。")]
        [Range(1, long.MaxValue, ErrorMessage = "返金額は1円以上の整数で入力してください。")]
        public long? AmountYen { get; set; }

        [Required(ErrorMessage = "返金の理由を入力してください。")]
        [StringLength(400, ErrorMessage = "理由は400文字以内で入力してください。")]
        public string? Reason { get; set; }
    }

    [BindProperty]
    public RefundForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostRequestAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await desk.RequestAsync(id, Form.AmountYen!.Value, Form.Reason!.Trim(), Me, ct);
        if (outcome == RefundDesk.Outcome.TooMuch)
        {
            ModelState.AddModelError("Form.AmountYen", l["返金額が、支払額から返金済み・承認待ちの額を除いた残り（{0}円）を超えています。", Remaining().ToString("N0")]);
            return Page();
        }

        TempData["notice"] = l["返金を依頼しました。別の職員（決裁者）の承認を待っています。"].Value;
        return Redirect($"/{tenant.Code}/staff/payments/{id}");
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid refundId, bool approve, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        if (!MayApprove || Refunds.All(r => r.Id != refundId))
        {
            return Forbid();
        }

        var outcome = await desk.DecideAsync(refundId, approve, Me, ct);
        string? problem = outcome switch
        {
            RefundDesk.Outcome.SamePerson => l["ご自身が依頼した返金は承認できません。別の決裁者が承認してください。"].Value,
            RefundDesk.Outcome.AlreadyDecided => l["この返金は、すでに別の職員が処理しました。"].Value,
            RefundDesk.Outcome.TooMuch => l["返金額が支払額の残りを超えるため返金できませんでした。"].Value,
            RefundDesk.Outcome.ProviderFailed => l["決済事業者が返金を受け付けませんでした。時間をおいて改めて依頼してください。"].Value,
            _ => null,
        };
        if (problem is not null)
        {
            ModelState.AddModelError("", problem);
            await LoadAsync(id, ct);
            return Page();
        }

        TempData["notice"] = (approve ? l["返金を承認し、返金しました。"] : l["返金の依頼を却下しました。"]).Value;
        return Redirect($"/{tenant.Code}/staff/payments/{id}");
    }

    public long Remaining() =>
        Payment is null ? 0 : Payment.AmountYen - Payment.RefundedYen - Refunds.Where(r => r.Status == RefundStatus.Requested).Sum(r => r.AmountYen);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (Payment is null || !PaymentsAccess.Handling(User).Covers(Payment.DepartmentId))
        {
            return NotFound();
        }

        Refunds = await db.Set<Refund>().AsNoTracking().Where(r => r.PaymentId == id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        MayApprove = PaymentsAccess.Approving(User).Covers(Payment.DepartmentId);
        return null;
    }
}
