using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// Mails that tell the resident something happened to their application. They say only that, and
/// where to read it: the correction text, the message and the decision stay behind sign-in, because
/// mail is not a confidential channel for what a city hall writes about a person.
/// </summary>
public sealed class ResidentNotices(MailOutbox outbox, TenantContext tenant)
{
    public void CorrectionRequested(Application application, string procedureTitle) =>
        Send(application, "補正のお願い",
            $"{procedureTitle} の申請について、担当課から補正（内容の修正）のお願いがあります。\n" +
            "マイページの「申請一覧」から申請を開き、お願いの内容をご確認のうえ、修正して再提出してください。\n");

    public void MessageFromDepartment(Application application, string procedureTitle) =>
        Send(application, "担当課からのメッセージ",
            $"{procedureTitle} の申請について、担当課からメッセージが届いています。\n" +
            "マイページの「申請一覧」から申請を開いてご確認ください。\n");

    public void Decided(Application application, string procedureTitle) =>
        Send(application, "審査結果のお知らせ",
            $"{procedureTitle} の申請の審査が終わりました。\n" +
            "結果と決定通知書は、マイページの「申請一覧」から申請を開いてご確認ください。\n");

    public void PaymentExpired(Application application, string procedureTitle) =>
        Send(application, "お支払いの期限が過ぎました",
            $"{procedureTitle} の申請は承認されましたが、お支払いの期限までに手数料のお支払いが確認できなかったため、期限切れとなりました。\n" +
            "改めて手続をされる場合は、もう一度申請してください。詳しくはマイページの「申請一覧」から申請を開いてご確認ください。\n");

    private void Send(Application application, string what, string body)
    {
        if (application.ContactEmail is not { Length: > 0 } to)
        {
            return;
        }

        outbox.Enqueue(to, $"【{tenant.Name}】{what}（到達番号 {application.ReceiptNumber}）",
            body + $"\n到達番号：{application.ReceiptNumber}\nお問い合わせの際は到達番号をお伝えください。\n");
    }
}
