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
}
