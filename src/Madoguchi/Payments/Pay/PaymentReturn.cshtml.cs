using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Payments.Pay;

/// <summary>
/// The provider sends the resident back here after 3-D Secure. What the query string says is not
/// believed: the intent is read from the provider, the same way the webhook would apply it.
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class PaymentReturnModel(PaymentLedger ledger, TenantContext tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await ledger.RefreshAsync(paymentId, ct);
        if (payment is null || payment.ResidentId != SignedInResident.Id(User))
        {
            return NotFound();
        }

        return Redirect($"/{tenant.Code}/payments/{paymentId}");
    }
}
