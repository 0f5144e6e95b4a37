namespace Madoguchi.Platform.Payments;

/// <summary>The Payments module's side of fees, for the Procedures pages: whether an application's fee is settled.</summary>
public interface IFeePayments
{
    /// <summary>Amount paid and not refunded for the application (0 when none).</summary>
    Task<long> PaidYenAsync(Guid applicationId, CancellationToken ct);

    /// <summary>The latest successful payment of the application (for its receipt link); null when none.</summary>
    Task<PaidFee?> LatestPaidAsync(Guid applicationId, CancellationToken ct);
}

/// <summary>A successful payment as the application's pages show it: where its receipt is, when and how much.</summary>
public sealed record PaidFee(Guid PaymentId, long AmountYen, long RefundedYen, DateTime PaidAt);
