using Madoguchi.Platform.Payments;
using Madoguchi.Procedures.Applications;

namespace Madoguchi.Procedures.Fees;

/// <summary>
/// 事後決済 as an application's pages show it: what is owed and by when, or that it was paid (with the
/// receipt), or that the deadline passed. Null for an application without a fee after approval.
/// </summary>
public sealed record AfterApprovalFee(FeeQuote Quote, PaidFee? Paid)
{
    /// <summary>Owed now: approved, not yet paid, before the deadline.</summary>
    public bool Owed => Quote.Payable && Paid is null;

    public static async Task<AfterApprovalFee?> LoadAsync(IApplicationFees fees, IFeePayments payments, Application application, CancellationToken ct)
    {
        if (application.Status is not (ApplicationStatus.Approved or ApplicationStatus.Expired) || application.PaymentDueAt is null && application.FeePaidAt is null)
        {
            return null;
        }

        var quote = await fees.QuoteAsync(application.Id, ct);
        if (quote is not { Timing: PaymentTiming.AfterApproval, TotalYen: > 0 })
        {
            return null;
        }

        return new AfterApprovalFee(quote, await payments.LatestPaidAsync(application.Id, ct));
    }
}
