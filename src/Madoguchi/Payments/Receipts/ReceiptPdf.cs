using System.Globalization;
using Madoguchi.Platform.Documents;
using Madoguchi.Platform.Localization;

namespace Madoguchi.Payments.Receipts;

/// <summary>What a 領収書 says; dates in UTC, printed in Japan time with the era.</summary>
public sealed record Receipt(
    string MunicipalityName,
    string ReceiptNumber,
    string PayerName,
    string FeeItem,
    long AmountYen,
    long RefundedYen,
    DateTime PaidAtUtc,
    string Method,
    string? ApplicationReceiptNumber);

/// <summary>
/// A receipt as a municipality issues one: number and date, the payer 様, the amount in large type
/// with 円, 「ただし…手数料として」, the municipality as issuer. Public fees are not subject to
/// consumption tax (消費税法第6条・別表第二), so no tax line is printed.
/// </summary>
public static class ReceiptPdf
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static byte[] Render(Receipt r) =>
        PdfComposer.Compose("領収書", pdf =>
        {
            var paid = Wareki.ToJapanTime(r.PaidAtUtc);
            pdf.Paragraph($"領収書番号 {r.ReceiptNumber}", align: TextAlign.Right);
            pdf.Paragraph(Wareki.Date(paid, Japanese), align: TextAlign.Right);
            pdf.Space(12);
            pdf.Paragraph("領収書", size: 18, bold: true, align: TextAlign.Center);
            pdf.Space(18);
            pdf.Paragraph($"{r.PayerName} 様", size: 12);
            pdf.Space(12);
            pdf.Paragraph($"金額　{r.AmountYen.ToString("N0", CultureInfo.InvariantCulture)}円", size: 16, bold: true, align: TextAlign.Center);
            pdf.Space(6);
            pdf.Paragraph($"ただし、{r.FeeItem}の手数料として、上記の金額を領収しました。", indent: 0);
            pdf.Space(12);
            var rows = new List<(string, string)>
            {
                ("内訳", r.FeeItem),
                ("金額", $"{r.AmountYen.ToString("N0", CultureInfo.InvariantCulture)}円（非課税）"),
                ("支払日", $"{Wareki.Date(paid, Japanese)} {paid:HH:mm}"),
                ("支払方法", r.Method),
            };
            if (r.ApplicationReceiptNumber is { } number)
            {
                rows.Add(("到達番号", number));
            }

            if (r.RefundedYen > 0)
            {
                rows.Add(("返金済み", $"{r.RefundedYen.ToString("N0", CultureInfo.InvariantCulture)}円"));
            }

            pdf.Table(rows);
            pdf.Space(24);
            pdf.Paragraph(r.MunicipalityName, size: 12, align: TextAlign.Right);
        });
}
