using System.Globalization;
using Madoguchi.Platform.Documents;
using Madoguchi.Platform.Localization;

namespace Madoguchi.Procedures.Notices;

/// <summary>What a decision notice (決定通知書) says; dates in UTC, shown in Japan time with the era.</summary>
public sealed record DecisionNotice(
    string MunicipalityName,
    string DepartmentName,
    string ProcedureTitle,
    string ReceiptNumber,
    DateTime SubmittedAtUtc,
    DateTime DecidedAtUtc,
    bool Approved,
    string ApplicantName,
    string Reason,
    string NoticeNumber);

/// <summary>
/// Renders the notice the way a municipality's paper notice reads: document number and date top
/// right, the applicant addressed 様, the mayor as sender, a title, the decision in a table, and for a
/// refusal the 教示 that the 行政不服審査法 (art. 82) and the 行政事件訴訟法 (art. 46) require on any
/// disposition open to appeal.
/// </summary>
public static class DecisionNoticePdf
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static byte[] Render(DecisionNotice notice)
    {
        var title = notice.Approved ? $"{notice.ProcedureTitle} 決定通知書" : $"{notice.ProcedureTitle} 却下通知書";
        var decided = Day(notice.DecidedAtUtc);
        var submitted = Day(notice.SubmittedAtUtc);
        var mayor = $"{notice.MunicipalityName}長";
        return PdfComposer.Compose(title, pdf =>
        {
            pdf.Paragraph(notice.NoticeNumber, align: TextAlign.Right);
            pdf.Paragraph(decided, align: TextAlign.Right);
            pdf.Space(12);
            pdf.Paragraph($"{notice.ApplicantName} 様", size: 12);
            pdf.Space(12);
            pdf.Paragraph(mayor, size: 12, align: TextAlign.Right);
            pdf.Paragraph($"（担当：{notice.DepartmentName}）", align: TextAlign.Right);
            pdf.Space(24);
            pdf.Paragraph(title, size: 15, bold: true, align: TextAlign.Center);
            pdf.Space(18);
            pdf.Paragraph(
                $"{submitted}付けで申請のありました{notice.ProcedureTitle}について、" +
                (notice.Approved ? "次のとおり決定したので通知します。" : "次の理由により却下したので通知します。"),
                indent: 0);
            pdf.Space(12);
            pdf.Paragraph("記", align: TextAlign.Center);
            pdf.Space(6);
            pdf.Table(
            [
                ("到達番号", notice.ReceiptNumber),
                ("申請日（到達日）", submitted),
                ("手続", notice.ProcedureTitle),
                ("決定内容", notice.Approved ? "承認" : "却下"),
                (notice.Approved ? "備考" : "理由", string.IsNullOrWhiteSpace(notice.Reason) ? "—" : notice.Reason),
                ("決定日", decided),
            ]);
            if (!notice.Approved)
            {
                pdf.Space(18);
                pdf.Paragraph("教示", bold: true);
                pdf.Paragraph(
                    $"1　この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、{mayor}に対して審査請求をすることができます。" +
                    "ただし、この決定があった日の翌日から起算して1年を経過したときは、審査請求をすることができなくなります。", size: 9.5f);
                pdf.Paragraph(
                    $"2　この決定の取消しを求める訴えは、この決定があったことを知った日の翌日から起算して6か月以内に、{notice.MunicipalityName}を被告として（訴訟において{notice.MunicipalityName}を代表する者は{mayor}となります。）提起することができます。" +
                    "ただし、この決定があった日の翌日から起算して1年を経過したときは、訴えを提起することができなくなります。", size: 9.5f);
            }

            pdf.Space(24);
            pdf.Rule();
            pdf.Paragraph("この通知書は電子申請システム（窓口）から発行されました。内容のお問い合わせは担当課まで到達番号をお伝えください。", size: 8.5f);
        });
    }

    private static string Day(DateTime utc) => Wareki.Date(Wareki.ToJapanTime(utc), Japanese);
}
