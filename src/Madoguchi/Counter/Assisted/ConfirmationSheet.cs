using System.Globalization;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Documents;
using Madoguchi.Platform.Localization;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// The printed confirmation sheet (確認票) for a visitor who prefers paper to the screen: every
/// procedure read back in large type. It carries no seal or signature box (押印の見直し): the
/// confirmation is the visitor's 「はい」, recorded by staff on the visit.
/// </summary>
public static class ConfirmationSheet
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static byte[] Render(string municipality, string visitorName, DateTime printedAtUtc, IReadOnlyList<AssistedReview> forms) =>
        PdfComposer.Compose("申請内容の確認票", pdf =>
        {
            var printed = Wareki.ToJapanTime(printedAtUtc);
            pdf.Paragraph($"{Wareki.Date(printed, Japanese)} {printed:HH:mm}", align: TextAlign.Right);
            pdf.Paragraph(municipality, align: TextAlign.Right);
            pdf.Space(12);
            pdf.Paragraph("申請内容の確認票", size: 18, bold: true, align: TextAlign.Center);
            pdf.Space(12);
            pdf.Paragraph($"{visitorName} 様", size: 14);
            pdf.Paragraph("職員が書いた申請の内容です。まちがいがないか、見てください。まちがいがあれば、職員に伝えてください。", size: 13);
            for (var i = 0; i < forms.Count; i++)
            {
                var form = forms[i];
                pdf.Space(14);
                pdf.Paragraph($"{i + 1}. {form.Title}", size: 15, bold: true);
                pdf.Rule();
                foreach (var section in form.Sections)
                {
                    pdf.Paragraph(section.Title, size: 13, bold: true);
                    pdf.Table(section.Rows.Select(r => (r.Label, r.Value)), size: 12.5f);
                    pdf.Space(6);
                }

                if (form.Problems.Count > 0)
                {
                    pdf.Paragraph($"まだ書いていないところがあります：{string.Join("、", form.Problems.Select(p => p.Label).Distinct())}", size: 12.5f, bold: true);
                }
            }

            pdf.Space(18);
            pdf.Rule();
            pdf.Paragraph("この内容でよければ、職員に「はい」と伝えてください。確認した日時と立ち会った職員が記録されます。", size: 12.5f);
        });
}
