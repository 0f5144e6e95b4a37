using Madoguchi.Platform.Payments;

namespace Madoguchi.Procedures.Templates;

/// <summary>
/// The fee in yen (0 when free) and, where it depends on something, why. A fee table refines it
/// (docs/payments.md): <see cref="QuantityPointer"/> names the answer that says how many copies are
/// asked for (住民票の写し: 300円 per copy), <see cref="Exemptions"/> make it 0円 for a stated reason,
/// <see cref="Timing"/> says whether it is paid before submission or after approval (事後決済).
/// </summary>
public sealed record TemplateFee(long AmountYen, string? Note)
{
    /// <summary>The fee item as printed on the receipt (e.g. 住民票の写し); the procedure's title when absent.</summary>
    public string? Item { get; init; }

    /// <summary>JSON pointer of an integer answer multiplying <see cref="AmountYen"/> (number of copies); absent: one.</summary>
    public string? QuantityPointer { get; init; }

    public IReadOnlyList<FeeExemption> Exemptions { get; init; } = [];

    public PaymentTiming Timing { get; init; } = PaymentTiming.BeforeSubmission;

    /// <summary>事後決済: days after approval within which the fee must be paid.</summary>
    public int? PaymentDays { get; init; }
}

/// <summary>An answer that makes the fee 0円 (e.g. /purpose = 生活保護の申請): the pointer, the value as text, the reason printed.</summary>
public sealed record FeeExemption(string Pointer, string Value, string Reason);
