namespace Madoguchi.Platform.Payments;

/// <summary>
/// The Procedures module's side of fees: it owns applications, procedure versions and their fee
/// tables; the Payments module asks through this contract and never reads those tables. Every call
/// works inside the current municipality (tenant filter).
/// </summary>
public interface IApplicationFees
{
    /// <summary>The fee of an application as its answers stand now; null when the application does not exist (any more).</summary>
    Task<FeeQuote?> QuoteAsync(Guid applicationId, CancellationToken ct);

    /// <summary>
    /// Submits a draft whose fee has been paid (pay-before-submission), exactly once: a repeated call
    /// answers with the same 到達番号. Null when the application is gone or cannot be submitted.
    /// </summary>
    Task<string?> SubmitPaidAsync(Guid applicationId, CancellationToken ct);

    /// <summary>The application a counter clerk names by its 到達番号 (or its id, for a counter draft); null when none.</summary>
    Task<Guid?> FindAsync(string reference, CancellationToken ct);

    /// <summary>
    /// 事後決済: the fee of an approved application has been paid; records it once (history, audit).
    /// <see cref="FeeSettlement.Expired"/> when the application expired first: the money must go back.
    /// </summary>
    Task<FeeSettlement> RecordPaidAsync(Guid applicationId, CancellationToken ct);

    /// <summary>事後決済: approved applications of every municipality still unpaid at <paramref name="now"/> after their deadline, oldest first.</summary>
    Task<IReadOnlyList<OverdueFee>> OverdueAsync(DateTime now, int max, CancellationToken ct);

    /// <summary>
    /// Expires an approved, unpaid application past its deadline (status 期限切れ, history, audit, mail
    /// to the resident) in one transaction. True only for the one call that made the change: two
    /// nodes sweeping at once expire it once.
    /// </summary>
    Task<bool> ExpireUnpaidAsync(Guid applicationId, DateTime now, CancellationToken ct);
}

/// <summary>What became of a 事後決済 payment on the application's side.</summary>
public enum FeeSettlement
{
    Recorded,
    /// <summary>Recorded before (the webhook after the return page), or no fee is due after approval.</summary>
    NothingToRecord,
    /// <summary>The application expired before the payment arrived.</summary>
    Expired,
    NotFound,
}

/// <summary>An application whose 事後決済 deadline has passed unpaid, in its municipality.</summary>
public sealed record OverdueFee(Guid ApplicationId, Guid TenantId);
