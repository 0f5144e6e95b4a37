using Madoguchi.Payments.Ledger;

namespace Madoguchi.Payments.Receipts;

/// <summary>Receipt numbers derive from the payment (stable across reprints): R-yyyyMMdd-first 8 hex of the id.</summary>
public static class ReceiptNumbers
{
    public static string Of(Payment p) =>
        $"R-{Platform.Localization.Wareki.ToJapanTime(p.PaidAt ?? p.CreatedAt):yyyyMMdd}-{p.Id.ToString("N")[^8..].ToUpperInvariant()}";
}

/// <summary>How a payment was made, as printed.</summary>
public static class Methods
{
    public static string Label(Payment p) => p.Provider == PaymentProvider.Stripe
        ? "クレジットカード（オンライン）"
        : $"{p.Method}（窓口端末 {p.TerminalId}）";
}
