using Madoguchi.Platform.Payments;

namespace Madoguchi.Payments.Ledger;

internal sealed class FeePayments(PaymentLedger ledger) : IFeePayments
{
    public Task<long> PaidYenAsync(Guid applicationId, CancellationToken ct) => ledger.PaidYenAsync(applicationId, ct);
}
