using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Receipts;

/// <summary>The 領収書 of one of the resident's own paid payments, as PDF.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class ReceiptDownloadModel(MadoguchiDb db, IApplicationFees fees, IResidentProfiles residents, TenantContext tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        var p = await db.Set<Payment>().AsNoTracking()
            .SingleOrDefaultAsync(x => x.Id == paymentId && x.ResidentId == resident && x.Status == PaymentStatus.Succeeded, ct);
        if (p is null)
        {
            return NotFound();
        }

        var payer = (await residents.FindAsync(resident!.Value, ct))?.Name ?? "";
        var application = await fees.QuoteAsync(p.ApplicationId, ct);
        var pdf = ReceiptPdf.Render(new Receipt(tenant.Name!, ReceiptNumbers.Of(p), payer, p.FeeItem, p.AmountYen, p.RefundedYen, p.PaidAt!.Value,
            Methods.Label(p), application?.ReceiptNumber));
        return File(pdf, "application/pdf", $"receipt-{ReceiptNumbers.Of(p)}.pdf");
    }
}
