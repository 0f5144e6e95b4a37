using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Residents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Pay;

/// <summary>One of the resident's payments: its state, the application's 到達番号 once submitted, the receipt.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class PaymentDetailModel(MadoguchiDb db, IApplicationFees fees) : PageModel
{
    public Payment? Payment { get; private set; }
    public FeeQuote? Application { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        Payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.ResidentId == resident, ct);
        if (Payment is null)
        {
            return NotFound();
        }

        Application = await fees.QuoteAsync(Payment.ApplicationId, ct);
        return Page();
    }
}
