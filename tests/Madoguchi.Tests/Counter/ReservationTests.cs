using System.Net;
using Madoguchi.Counter.Reservations;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Counter;

/// <summary>Residents book, change and cancel; the database refuses overbooking; holidays, hours and bad links are handled.</summary>
public sealed class ReservationTests(CounterApp app) : IClassFixture<CounterApp>
{
    private Task<int> BookedAsync(Guid serviceId, DateTime startsAt) =>
        app.DbAsync(db => db.Set<SlotLoad>().IgnoreQueryFilters().Where(l => l.ServiceId == serviceId && l.StartsAt == startsAt).Select(l => l.Booked).SingleOrDefaultAsync());

    private Task<List<Reservation>> ReservationsAsync(Guid serviceId) =>
        app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().Where(r => r.ServiceId == serviceId).ToListAsync());

    [Fact]
    public async Task A_resident_books_by_mail_confirms_once_and_gets_the_ics_and_a_working_link()
    {
        var s = await app.ServiceAsync();
        var day = CounterScenario.NextOpenDay();
        var email = $"r-{Guid.NewGuid():N}@example.jp";
        var browser = app.Browser();
        var sent = await browser.SubmitAsync(s.Day(day), new Dictionary<string, string>
        {
            ["Input.Start"] = "10:00", ["Input.Name"] = "窓口 花子", ["Input.Email"] = email,
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Empty(await ReservationsAsync(s.ServiceId)); // nothing is held before the address is proved
        var confirmPage = await browser.GetPageAsync(await app.LinkInLatestMailAsync(email, "/counter/confirm/"));
        var booked = await browser.SubmitAsync(confirmPage, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var manage = booked.Headers.Location!.OriginalString;

        var reservation = Assert.Single(await ReservationsAsync(s.ServiceId));
        Assert.Equal(CounterScenario.StartUtc(day, "10:00"), DateTime.SpecifyKind(reservation.StartsAt, DateTimeKind.Utc));
        Assert.Equal(1, await BookedAsync(s.ServiceId, reservation.StartsAt));

        var mail = (await app.MailsToAsync(email)).Last();
        Assert.Contains("予約を受け付けました", mail.Subject);
        Assert.Equal("reservation.ics", mail.AttachmentName);
        Assert.StartsWith("text/calendar", mail.AttachmentType);
        Assert.Contains(reservation.Reference, mail.TextBody);

        var page = await app.Browser().GetPageAsync(manage);
        Assert.Contains(reservation.Reference, page.Text);
        var ics = await app.Browser().GetAsync(manage + "?handler=Ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);

        // The confirmation link posted again books nothing more.
        var again = await browser.SubmitAsync(confirmPage, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("すでに確定しています", await again.Content.ReadAsStringAsync());
        Assert.Single(await ReservationsAsync(s.ServiceId));
        Assert.Equal(1, await BookedAsync(s.ServiceId, reservation.StartsAt));
    }

    [Fact]
    public async Task Many_simultaneous_confirmations_never_overbook_a_slot()
    {
        var s = await app.ServiceAsync(capacity: 3);
        var day = CounterScenario.NextOpenDay();
        var startsAt = CounterScenario.StartUtc(day, "11:00");
        var links = await app.InTenantAsync(s.Tenant, sp => Task.FromResult(Enumerable.Range(0, 24).Select(i =>
            $"/{s.Tenant.Code}/counter/confirm/" + sp.GetRequiredService<EmailConfirmation>().Seal(
                new EmailConfirmation.Pending(s.ServiceId, startsAt, $"住民 {i}", $"p{i}-{Guid.NewGuid():N}@example.jp"))).ToList()));
        // Every browser reads its page first, then all post at once.
        var pages = await Task.WhenAll(links.Select(async l => { var b = app.Browser(); return (b, await b.GetPageAsync(l)); }));
        var responses = await Task.WhenAll(pages.Select(p => p.b.SubmitAsync(p.Item2, new Dictionary<string, string>())));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("満員", await responses.First(r => r.StatusCode == HttpStatusCode.OK).Content.ReadAsStringAsync());
        Assert.Equal(3, (await ReservationsAsync(s.ServiceId)).Count);
        Assert.Equal(3, await BookedAsync(s.ServiceId, startsAt));
    }

    [Fact]
    public async Task A_holiday_the_year_end_and_times_outside_hours_are_refused_in_Japanese()
    {
        var s = await app.ServiceAsync();
        var browser = app.Browser();
        var open = await browser.GetPageAsync(s.Day(CounterScenario.NextOpenDay()));
        var token = open.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<string> PostAsync(DateOnly day, string start)
        {
            var response = await browser.PostAsync(s.Day(day), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Start"] = start, ["Input.Name"] = "祝日 太郎", ["Input.Email"] = "h@example.jp",
                ["Input.RequestKey"] = Guid.NewGuid().ToString("N"),
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("祝日は閉庁しています。", await PostAsync(CounterScenario.NextHoliday(), "10:00"));
        var yearEnd = new DateOnly(SlotRulesYear(), 12, 30);
        Assert.Contains("年末年始", await PostAsync(yearEnd, "10:00"));
        Assert.Contains("受付時間外です", await PostAsync(CounterScenario.NextOpenDay(), "18:00"));
        Assert.Contains("受付時間外です", await PostAsync(CounterScenario.NextOpenDay(), "10:10"));
        Assert.Contains("時間枠を選んでください", await PostAsync(CounterScenario.NextOpenDay(), "not-a-time"));
        Assert.Empty(await ReservationsAsync(s.ServiceId));
        Assert.Empty(await app.MailsToAsync("h@example.jp"));

        // The holiday's own page says why, and offers no form.
        var holidayPage = await browser.GetPageAsync(s.Day(CounterScenario.NextHoliday()));
        Assert.Contains("祝日は閉庁しています。", holidayPage.Text);
        Assert.Null(holidayPage.Document.QuerySelector("main form"));
    }

    private static int SlotRulesYear()
    {
        var today = Madoguchi.Counter.Services.SlotRules.TodayInJapan(DateTime.UtcNow);
        return today.Month == 12 && today.Day >= 30 ? today.Year + 1 : today.Year;
    }

    [Fact]
    public async Task Missing_name_and_bad_address_get_field_messages_and_a_summary()
    {
        var s = await app.ServiceAsync();
        var response = await app.Browser().SubmitAsync(s.Day(CounterScenario.NextOpenDay()), new Dictionary<string, string>
        {
            ["Input.Start"] = "09:00", ["Input.Name"] = "", ["Input.Email"] = "not-an-address",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Contains("お名前を入力してください。", page.QuerySelector("#Input_Name-error")!.TextContent);
        Assert.Contains("メールアドレスの形式が正しくありません。", page.QuerySelector("#Input_Email-error")!.TextContent);
    }

    [Fact]
    public async Task A_cancel_link_used_twice_cancels_once_and_a_forged_link_finds_nothing()
    {
        var s = await app.ServiceAsync();
        var day = CounterScenario.NextOpenDay();
        var email = $"c-{Guid.NewGuid():N}@example.jp";
        var manage = await app.BookByMailAsync(s, day, "13:00", email);
        var first = app.Browser();
        var second = app.Browser();
        var page1 = await first.GetPageAsync(manage);
        var page2 = await second.GetPageAsync(manage);

        // Two tabs post the cancel at the same moment, then one posts it again.
        var both = await Task.WhenAll(
            first.SubmitAsync(page1, new Dictionary<string, string>(), "form[aria-labelledby=cancel-title]"),
            second.SubmitAsync(page2, new Dictionary<string, string>(), "form[aria-labelledby=cancel-title]"));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var again = await first.SubmitAsync(page1, new Dictionary<string, string>(), "form[aria-labelledby=cancel-title]");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var after = await first.GetPageAsync(manage);
        Assert.Contains("すでに取り消されています", after.Text);

        var reservation = Assert.Single(await ReservationsAsync(s.ServiceId));
        Assert.Equal(ReservationStatus.Cancelled, reservation.Status);
        Assert.Equal(0, await BookedAsync(s.ServiceId, reservation.StartsAt));
        Assert.Single(await app.MailsToAsync(email), m => m.Subject.Contains("取り消しました", StringComparison.Ordinal));

        var forged = manage[..^4] + (manage.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/{s.Tenant.Code}/counter/reservations/not-a-token")).StatusCode);
        var badConfirm = await app.Browser().GetAsync($"/{s.Tenant.Code}/counter/confirm/forged-link");
        Assert.Equal(HttpStatusCode.NotFound, badConfirm.StatusCode);
        Assert.Contains("無効か、有効期限が切れています", await badConfirm.Content.ReadAsStringAsync());

        // The freed place can be booked again.
        await app.BookByMailAsync(s, day, "13:00", $"n-{Guid.NewGuid():N}@example.jp");
        Assert.Equal(1, await BookedAsync(s.ServiceId, reservation.StartsAt));
    }

    [Fact]
    public async Task A_link_of_one_municipality_finds_nothing_in_another()
    {
        var s = await app.ServiceAsync();
        var other = await app.ServiceAsync();
        var manage = await app.BookByMailAsync(s, CounterScenario.NextOpenDay(), "09:30", $"x-{Guid.NewGuid():N}@example.jp");
        var moved = manage.Replace($"/{s.Tenant.Code}/", $"/{other.Tenant.Code}/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(moved)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_time_moves_the_place_and_mails_a_new_ics()
    {
        var s = await app.ServiceAsync(capacity: 1);
        var day = CounterScenario.NextOpenDay();
        var email = $"m-{Guid.NewGuid():N}@example.jp";
        var manage = await app.BookByMailAsync(s, day, "14:00", email);
        // 15:00 is taken by someone else: the move there is refused, 15:30 works.
        await app.BookByMailAsync(s, day, "15:00", $"o-{Guid.NewGuid():N}@example.jp");
        var browser = app.Browser();
        var page = await browser.GetPageAsync(manage + "?date=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(page.Document.QuerySelector("input[name=Start][value='15:00']"));
        var moved = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Start"] = "15:30" }, "form[aria-labelledby=change-title][method=post]");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        Assert.Equal(0, await BookedAsync(s.ServiceId, CounterScenario.StartUtc(day, "14:00")));
        Assert.Equal(1, await BookedAsync(s.ServiceId, CounterScenario.StartUtc(day, "15:30")));
        var mail = (await app.MailsToAsync(email)).Last();
        Assert.Contains("変更しました", mail.Subject);
        var ics = System.Text.Encoding.UTF8.GetString(mail.Attachment!);
        Assert.Contains("SEQUENCE:1", ics);

        // A move onto the full slot, posted by hand, is refused.
        var again = await browser.GetPageAsync(manage + "?date=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var full = await browser.SubmitAsync(again, new Dictionary<string, string> { ["Start"] = "15:00" }, "form[aria-labelledby=change-title][method=post]");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains("満員", await full.Content.ReadAsStringAsync());
        Assert.Equal(1, await BookedAsync(s.ServiceId, CounterScenario.StartUtc(day, "15:00")));
    }

    [Fact]
    public async Task The_reminder_is_queued_once_even_when_two_nodes_run_it_at_once()
    {
        var s = await app.ServiceAsync();
        var tomorrow = Madoguchi.Counter.Services.SlotRules.TodayInJapan(DateTime.UtcNow).AddDays(1);
        var email = $"rem-{Guid.NewGuid():N}@example.jp";
        var reservation = new Reservation
        {
            TenantId = s.Tenant.Id, ServiceId = s.ServiceId, StartsAt = CounterScenario.StartUtc(tomorrow, "10:00"), EndsAt = CounterScenario.StartUtc(tomorrow, "10:30"),
            Name = "明日 来る", Email = email, TokenHash = Reservation.Hash(Reservation.NewToken()), RequestKey = Guid.NewGuid().ToString("N"), Reference = "R" + Random.Shared.Next(10_000_000, 99_999_999),
        };
        await app.DbAsync(async db => { db.Add(reservation); await db.SaveChangesAsync(); });

        await using var second = app.SecondNode().With("Counter:Reminders", "false");
        var senders = new[] { app.Services.GetRequiredService<ReminderSender>(), second.Services.GetRequiredService<ReminderSender>() };
        // Other tests of this class may have bookings tomorrow too; this one's mail is counted.
        await Task.WhenAll(senders.Concat(senders).Select(r => r.QueueDueAsync(CancellationToken.None)));
        var mail = Assert.Single(await app.MailsToAsync(email));
        Assert.Contains("明日は窓口の予約日です", mail.Subject);
        await senders[0].QueueDueAsync(CancellationToken.None);
        Assert.Single(await app.MailsToAsync(email));
    }
}
