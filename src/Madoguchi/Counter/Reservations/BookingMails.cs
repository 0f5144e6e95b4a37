using System.Globalization;
using System.Text;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;

namespace Madoguchi.Counter.Reservations;

/// <summary>The mails of a reservation, queued in the transaction of the change they report.</summary>
public sealed class BookingMails(MailOutbox outbox, TenantContext tenant, CounterLinks links, TimeProvider time)
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static string When(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var start = Wareki.ToJapanTime(startsAtUtc);
        var end = Wareki.ToJapanTime(endsAtUtc);
        return $"{Wareki.Date(start, Japanese)}（{Japanese.DateTimeFormat.GetShortestDayName(start.DayOfWeek)}） {start:HH:mm}〜{end:HH:mm}";
    }

    public void Booked(Reservation r, CounterService service, string token) =>
        outbox.Enqueue(r.Email, $"【{tenant.Name}】窓口の予約を受け付けました（{service.Name}）",
            Body(r, service, "窓口の予約を受け付けました。", token), attachment: Invitation(r, service, token, cancelled: false, r.Version));

    public void Moved(Reservation r, CounterService service, string token) =>
        outbox.Enqueue(r.Email, $"【{tenant.Name}】窓口の予約を変更しました（{service.Name}）",
            Body(r, service, "窓口の予約の日時を変更しました。新しい日時は次のとおりです。", token), attachment: Invitation(r, service, token, cancelled: false, r.Version + 1));

    /// <param name="byStaff">Staff closed the slot (the resident is asked to book again), rather than the resident cancelling.</param>
    public void Cancelled(Reservation r, CounterService service, bool byStaff)
    {
        var intro = byStaff
            ? "申し訳ありません。窓口の都合により、次の予約を取り消しました。お手数ですが、別の日時で予約し直してください。"
            : "次の窓口の予約を取り消しました。";
        var text = new StringBuilder()
            .AppendLine(intro).AppendLine()
            .AppendLine($"窓口：{service.Name}")
            .AppendLine($"日時：{When(r.StartsAt, r.EndsAt)}")
            .AppendLine($"予約番号：{r.Reference}").AppendLine()
            .AppendLine("予約はこちらから：").AppendLine(links.Services());
        outbox.Enqueue(r.Email, $"【{tenant.Name}】窓口の予約を取り消しました（{service.Name}）", text.ToString(),
            attachment: Invitation(r, service, null, cancelled: true, r.Version + 1));
    }

    public void Reminder(Reservation r, CounterService service, string tenantName) =>
        outbox.Enqueue(r.Email, $"【{tenantName}】明日は窓口の予約日です（{service.Name}）",
            new StringBuilder()
                .AppendLine("明日、次の窓口の予約があります。").AppendLine()
                .AppendLine($"窓口：{service.Name}")
                .AppendLine($"日時：{When(r.StartsAt, r.EndsAt)}")
                .AppendLine($"予約番号：{r.Reference}").AppendLine()
                .AppendLine("来庁されたら、受付で予約番号をお伝えください。")
                // The change/cancel token exists only in the first mail (the database keeps its hash).
                .AppendLine("都合が悪くなったときは、予約受付のメールにあるリンクから変更・取消ができます。").ToString(), r.TenantId);

    public void ConfirmationLink(string email, CounterService service, DateTime startsAtUtc, DateTime endsAtUtc, string token) =>
        outbox.Enqueue(email, $"【{tenant.Name}】窓口の予約を確定してください（{service.Name}）",
            new StringBuilder()
                .AppendLine("窓口の予約の申込みを受け付けました。まだ予約は確定していません。").AppendLine()
                .AppendLine($"窓口：{service.Name}")
                .AppendLine($"日時：{When(startsAtUtc, endsAtUtc)}").AppendLine()
                .AppendLine("次のページで「予約を確定する」を押すと予約が確定します（24時間有効）：")
                .AppendLine(links.Confirmation(token)).AppendLine()
                .AppendLine("お心当たりのない場合は、このメールを破棄してください。").ToString());

    private string Body(Reservation r, CounterService service, string intro, string token) =>
        new StringBuilder()
            .AppendLine($"{r.Name} 様").AppendLine()
            .AppendLine(intro).AppendLine()
            .AppendLine($"窓口：{tenant.Name} {service.Name}")
            .AppendLine($"日時：{When(r.StartsAt, r.EndsAt)}")
            .AppendLine($"予約番号：{r.Reference}").AppendLine()
            .AppendLine("カレンダーに登録できるファイル（.ics）を添付しています。")
            .AppendLine("来庁されたら、受付で予約番号をお伝えください。前日にお知らせのメールをお送りします。").AppendLine()
            .AppendLine("予約の確認・変更・取消はこちら：")
            .AppendLine(links.Reservation(token)).ToString();

    // SEQUENCE follows the reservation's version, which the change being mailed is about to bump.
    private MailAttachment Invitation(Reservation r, CounterService service, string? token, bool cancelled, int sequence) =>
        new("reservation.ics", ICalendarInvitation.ContentType, Encoding.UTF8.GetBytes(Ics(r, service, token, cancelled, sequence)));

    public string Ics(Reservation r, CounterService service, string? token, bool cancelled, int sequence) =>
        ICalendarInvitation.Write(new ICalendarInvitation.Appointment(
            r.Id, sequence, r.StartsAt, r.EndsAt,
            $"{tenant.Name} {service.Name}（窓口予約）", $"{tenant.Name} {service.Name}",
            $"予約番号：{r.Reference}", token is null ? null : links.Reservation(token), cancelled, time.GetUtcNow().UtcDateTime));
}
