namespace Madoguchi.Platform.Payments;

/// <summary>One line of a fee: an item, its unit price, how many, and why it is free when exempt.</summary>
/// <param name="ExemptionReason">Set when the line is 0円 by an exemption (e.g. 生活保護受給者).</param>
public sealed record FeeLine(string Item, long UnitYen, int Quantity, long AmountYen, string? ExemptionReason);

/// <summary>
/// What an application owes, computed on the server from the procedure version's fee table and the
/// form's answers (never from what a browser sends). Amounts are integer yen; public fees are tax-free.
/// </summary>
/// <param name="ReceiptNumber">到達番号 once submitted.</param>
/// <param name="Status">The application's status name (Draft, Submitted, Approved …).</param>
/// <param name="PaymentDeadline">事後決済: the instant (UTC) from which an approved application can no longer be paid; see <see cref="LastDayToPay"/>.</param>
public sealed record FeeQuote(
    Guid ApplicationId,
    Guid? ResidentId,
    Guid DepartmentId,
    string ProcedureTitle,
    string? ReceiptNumber,
    string Status,
    PaymentTiming Timing,
    DateTime? PaymentDeadline,
    IReadOnlyList<FeeLine> Lines)
{
    public long TotalYen => Lines.Sum(l => l.AmountYen);

    /// <summary>Status name of an application expired unpaid after approval (期限切れ).</summary>
    public const string ExpiredStatus = "Expired";

    public bool Expired => Status == ExpiredStatus;

    /// <summary>事後決済: the last Japan calendar day on which the fee may be paid (the deadline is the end of that day).</summary>
    public DateOnly? LastDayToPay => PaymentDeadline is { } due ? PaymentDeadlines.LastDay(due) : null;

    /// <summary>The fee item as printed on a receipt (領収書).</summary>
    public string Item => Lines.Count == 0 ? ProcedureTitle : string.Join("、", Lines.Select(l => l.Quantity > 1 ? $"{l.Item}（{l.Quantity}通）" : l.Item));

    /// <summary>Whether the fee can be paid now: a draft before submission, an approved application after.</summary>
    public bool Payable => TotalYen > 0 && Timing switch
    {
        PaymentTiming.BeforeSubmission => Status == "Draft",
        _ => Status == "Approved",
    };
}
