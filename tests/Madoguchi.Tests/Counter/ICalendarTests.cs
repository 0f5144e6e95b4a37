using Madoguchi.Counter.Reservations;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Madoguchi.Tests.Counter;

/// <summary>Our .ics read back by an independent parser (Ical.Net), and the invitation delivered over SMTP as an attachment.</summary>
public sealed class ICalendarTests
{
    private static Ical.Net.CalendarComponents.CalendarEvent ParseSingle(string ics) =>
        Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);

    [Fact]
    public void An_invitation_parses_in_IcalNet_to_the_same_times_and_text()
    {
        var start = new DateTime(2026, 12, 7, 1, 30, 0, DateTimeKind.Utc); // 10:30 in Japan
        var id = Guid.CreateVersion7();
        var description = "予約番号：R12345678; 持ち物は本人確認書類, マイナンバーカード\n長い説明の折り返しを確かめるための文章です。長い説明の折り返しを確かめるための文章です。";
        var ics = ICalendarInvitation.Write(new ICalendarInvitation.Appointment(id, 2, start, start.AddMinutes(30),
            "塩竈市 市民課 住民異動（窓口予約）", "塩竈市 市民課", description, "https://example.jp/022039/counter/reservations/abc", false, start.AddDays(-1)));

        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var e = ParseSingle(ics);
        Assert.Equal(start, e.DtStart!.AsUtc);
        Assert.Equal(start.AddMinutes(30), e.DtEnd!.AsUtc);
        Assert.Equal($"{id:D}@madoguchi", e.Uid);
        Assert.Equal(2, e.Sequence);
        Assert.Equal("塩竈市 市民課 住民異動（窓口予約）", e.Summary);
        Assert.Equal(description, e.Description);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Single(e.Alarms);
    }

    [Fact]
    public async Task The_booking_mail_arrives_over_SMTP_with_the_ics_attached()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new CounterApp()
            .With("Mail:Host", "127.0.0.1")
            .With("Mail:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:PollInterval", "00:00:00.100");
        var s = await app.ServiceAsync();
        var day = CounterScenario.NextOpenDay();
        var email = $"ics-{Guid.NewGuid():N}@example.jp";
        await app.BookByMailAsync(s, day, "10:30", email);

        await Eventually.TrueAsync(() => Task.FromResult(smtp.Messages().Count(m => (m.Subject ?? "").Contains("予約を受け付けました", StringComparison.Ordinal)) == 1), "the booking mail is delivered");
        var message = smtp.Messages().Single(m => (m.Subject ?? "").Contains("予約を受け付けました", StringComparison.Ordinal));
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("reservation.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var e = ParseSingle(System.Text.Encoding.UTF8.GetString(content.ToArray()));
        Assert.Equal(CounterScenario.StartUtc(day, "10:30"), e.DtStart!.AsUtc);
        Assert.Equal(CounterScenario.StartUtc(day, "11:00"), e.DtEnd!.AsUtc);
        var reference = await app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().Where(r => r.ServiceId == s.ServiceId).Select(r => r.Reference).SingleAsync());
        Assert.Contains(reference, e.Description);
        Assert.Contains(reference, message.TextBody);
        await Eventually.TrueAsync(async () => (await app.MailsToAsync(email)).Single(m => m.AttachmentName is not null).Status == OutboxMailStatus.Sent,
            "the outbox row is marked Sent");
    }
}
