using System.ComponentModel.DataAnnotations;
using Madoguchi.Payments.Refunds;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Payments.CounterTerminal;

/// <summary>Counter staff enter the cashless terminal's slip for an application's fee.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class RecordCounterPaymentModel(CounterPayments counter, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class SlipForm
    {
        [Required(ErrorMessage = "到達番号を入力してください。")]
        [StringLength(60, ErrorMessage = "到達番号が長すぎます。")]
        public string? Reference { get; set; }

        [Required(ErrorMessage = "決済手段を選んでください。")]
        public string? Method { get; set; }

        [Required(ErrorMessage = "端末IDを入力してください。")]
        [RegularExpression("^[A-Za-z0-9-]{1,40}$", ErrorMessage = "端末IDは英数字とハイフンで入力してください。")]
        public string? TerminalId { get; set; }

        [Required(ErrorMessage = "取引番号を入力してください。")]
        [RegularExpression("^[A-Za-z0-9-]{1,60}$", ErrorMessage = "取引番号は英数字とハイフンで入力してください。")]
        public string? TransactionId { get; set; }

        [Required(ErrorMessage = "金額を入力してください。")]
        [Range(1, 10_000_000, ErrorMessage = "金額は1円以上の整数で入力してください。")]
        public long? AmountYen { get; set; }

        public Guid Key { get; set; }
    }

    [BindProperty]
    public SlipForm Form { get; set; } = new() { Key = Guid.NewGuid() };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Form.Method is not null && !CounterPayments.Methods.Contains(Form.Method))
        {
            ModelState.AddModelError("Form.Method", l["決済手段を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await counter.RecordAsync(Form.Reference!, Form.Method!, Form.TerminalId!, Form.TransactionId!, Form.AmountYen!.Value, Form.Key,
            PaymentsAccess.StaffId(User), ct);
        switch (result.Outcome)
        {
            case CounterPayments.Outcome.Recorded or CounterPayments.Outcome.AlreadyRecorded:
                TempData["notice"] = l["窓口での支払いを記録しました。"].Value;
                return Redirect($"/{tenant.Code}/staff/payments/{result.PaymentId}");
            case CounterPayments.Outcome.UnknownApplication:
                ModelState.AddModelError("Form.Reference", l["この到達番号の申請は見つかりません。"]);
                break;
            case CounterPayments.Outcome.NothingToPay:
                ModelState.AddModelError("Form.Reference", l["この申請には、お支払いが必要な手数料はありません。"]);
                break;
            case CounterPayments.Outcome.Expired:
                ModelState.AddModelError("Form.Reference", l["この申請はお支払いの期限を過ぎて期限切れになっています。支払いは受け付けられません。"]);
                break;
            case CounterPayments.Outcome.AmountDiffers:
                ModelState.AddModelError("Form.AmountYen", l["金額が手数料（{0}円）と一致しません。端末の控えを確認してください。", result.ExpectedYen.ToString("N0")]);
                break;
            default:
                ModelState.AddModelError("Form.TransactionId", l["この取引番号はすでに記録されています。"]);
                break;
        }

        return Page();
    }
}
