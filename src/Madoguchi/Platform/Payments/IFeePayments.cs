namespace Madoguchi.Platform.Payments;

/// <summary>The Payments module's side of fees, for the Procedures pages: whether an application's fee is settled.</summary>
public interface IFeePayments
{
    /// <summary>Amount paid and not refunded for the application (0 when none).</summary>
    Task<long> PaidYenAsync(Guid applicationId, CancellationToken ct);
}
