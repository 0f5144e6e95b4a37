using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Payments.Pay;

/// <summary>
/// The resident pays an application's fee by card. The amount shown and charged is the server's
/// own quote; the form carries only a one-time key (a double click makes one payment) and the total
/// the resident saw (if it differs from the quote now, nothing is charged and the new total is shown).
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class PayFeeModel(IApplicationFees fees, PaymentLedger ledger, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public FeeQuote? Quote { get; private set; }
    public long PaidYen { get; private set; }
    public Guid Key { get; private set; } = Guid.NewGuid();

    /// <summary>Set when the resident came back from the provider's page without paying (its cancel link).</summary>
    public bool Canceled { get; private set; }

    /// <param name="canceled">The attempt the provider's cancel link names: what the provider says about it is checked, since it may have been paid meanwhile.</param>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid? canceled, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        if (canceled is { } paymentId && await ledger.RefreshAsync(paymentId, ct) is { } payment && payment.ApplicationId == id && payment.ResidentId == SignedInResident.Id(User))
        {
            if (payment.Status == PaymentStatus.Succeeded)
            {
                return Redirect($"/{tenant.Code}/payments/{payment.Id}");
            }

            Canceled = true;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid key, long confirmedYen, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        var site = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var result = await ledger.StartOnlineAsync(id, SignedInResident.Id(User)!.Value, key, confirmedYen, site, ct);
        switch (result.Outcome)
        {
            case PaymentLedger.StartOutcome.Redirect:
                // 303: the browser GETs the provider's hosted card page (a POST is never repeated there).
                Response.Headers.Location = result.RedirectUrl!;
                return StatusCode(StatusCodes.Status303SeeOther);
            case PaymentLedger.StartOutcome.Paid:
            case PaymentLedger.StartOutcome.NothingToPay when PaidYen > 0:
                return Redirect(result.PaymentId is { } paid ? $"/{tenant.Code}/payments/{paid}" : $"/{tenant.Code}/account/payments");
            case PaymentLedger.StartOutcome.NotFound:
                return NotFound();
            case PaymentLedger.StartOutcome.AmountChanged:
                ModelState.AddModelError("confirmedYen", l["手数料の金額が変わりました。表示されている金額を確認して、もう一度お支払いください。"]);
                break;
            case PaymentLedger.StartOutcome.Expired:
                ModelState.AddModelError("", l["お支払いの期限を過ぎたため、この申請は期限切れになりました。お支払いはできません。料金は請求されていません。"]);
                break;
            case PaymentLedger.StartOutcome.NothingToPay:
                ModelState.AddModelError("", l["お支払いが必要な手数料はありません。"]);
                break;
            case PaymentLedger.StartOutcome.Declined:
                ModelState.AddModelError("", l["カードでのお支払いができませんでした。別のカードでお試しいただくか、窓口でお支払いください。"]);
                break;
            default:
                ModelState.AddModelError("", l["決済サービスにつながりませんでした。料金は請求されていません。しばらくしてからもう一度お試しください。"]);
                break;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Quote = await fees.QuoteAsync(id, ct);
        if (Quote is null || Quote.ResidentId is null || Quote.ResidentId != SignedInResident.Id(User))
        {
            return NotFound();
        }

        PaidYen = await ledger.PaidYenAsync(id, ct);
        return null;
    }
}
