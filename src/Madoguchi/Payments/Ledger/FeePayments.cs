using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Ledger;

internal sealed class FeePayments(PaymentLedger ledger, MadoguchiDb db) : IFeePayments
{
    public Task<long> PaidYenAsync(Guid applicationId, CancellationToken ct) => ledger.PaidYenAsync(applicationId, ct);

    public Task<PaidFee?> LatestPaidAsync(Guid applicationId, CancellationToken ct) =>
        db.Set<Payment>().Where(p => p.ApplicationId == applicationId && p.Status == PaymentStatus.Succeeded && p.RefundedYen < p.AmountYen)
            .OrderByDescending(p => p.PaidAt)
            .Select(p => new PaidFee(p.Id, p.AmountYen, p.RefundedYen, p.PaidAt!.Value))
            .FirstOrDefaultAsync(ct);
}
