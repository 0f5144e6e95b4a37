using System.Text.RegularExpressions;
using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Counter;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace Madoguchi.BrowserTests.Counter;

/// <summary>The app with a real SMTP server (aiosmtpd) receiving its mail.</summary>
public sealed class CounterBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public CounterBrowserFixture()
    {
        Smtp = SmtpServerProcess.StartAsync().GetAwaiter().GetResult();
        App.With("Mail:Host", "127.0.0.1")
            .With("Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:PollInterval", "00:00:00.200")
            .With("Counter:Reminders", "false");
    }

    public SmtpServerProcess Smtp { get; }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// In chromium: a resident books a 市民課 slot and the .ics arrives by mail; a walk-in draws ticket 1,
/// staff call it, the board shows it, and the times are in the data. axe at 1280 and 320 px on every page.
/// </summary>
public sealed class CounterPagesTests(CounterBrowserFixture browser) : IClassFixture<CounterBrowserFixture>
{
    private async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync(screenshot);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task A_resident_books_a_slot_and_receives_the_ics_by_mail(int width)
    {
        var s = await browser.App.ServiceAsync(capacity: 2);
        var code = s.Tenant.Code;
        var email = $"browser-{width}-{Guid.NewGuid():N}@example.jp";
        var page = await browser.NewPageAsync(width);

        await page.GotoAsync($"/{code}/counter");
        await CheckAsync(page, $"counter-services-{width}");
        await page.GetByRole(AriaRole.Link, new() { Name = "市民課 住民異動" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("住民異動 の予約");
        await CheckAsync(page, $"counter-week-{width}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^空きあり") }).First.ClickAsync();
        await CheckAsync(page, $"counter-day-{width}");

        // Sent empty: field messages and the summary.
        await page.GetByRole(AriaRole.Button, new() { Name = "確認メールを送る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await CheckAsync(page, $"counter-day-errors-{width}");

        await page.GetByRole(AriaRole.Radio).Last.CheckAsync();
        await page.GetByLabel("お名前").FillAsync("窓口 花子");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "確認メールを送る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("確認のメールを送りました");
        await CheckAsync(page, $"counter-mail-sent-{width}");

        // The confirmation link arrives over SMTP; the resident opens it.
        var confirm = await MailAsync(email, "予約を確定してください");
        var link = (confirm.TextBody ?? "").Split('\n').First(l => l.Contains("/counter/confirm/", StringComparison.Ordinal)).Trim();
        await page.GotoAsync(link);
        await CheckAsync(page, $"counter-confirm-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "予約を確定する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("予約しました");
        await CheckAsync(page, $"counter-reservation-{width}");

        var booked = await MailAsync(email, "予約を受け付けました");
        var ics = Assert.Single(booked.Attachments.OfType<MimePart>());
        Assert.Equal("reservation.ics", ics.FileName);
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        var start = Assert.Single(calendar.Events).DtStart!.AsUtc;
        var reservation = await browser.App.DbAsync(db => db.Set<Madoguchi.Counter.Reservations.Reservation>().IgnoreQueryFilters().SingleAsync(r => r.Email == email));
        Assert.Equal(DateTime.SpecifyKind(reservation.StartsAt, DateTimeKind.Utc), start);

        // The date picker of the change form lists a day's free slots; the next open day has a whole
        // day of them (late in the afternoon, the booked day may have none left but its own).
        await page.GetByLabel("日付").FillAsync(CounterScenario.NextOpenDay().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "空いている時間枠を表示" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "この時間枠に変更する" })).ToBeVisibleAsync();
        await CheckAsync(page, $"counter-change-{width}");
        await page.Context.CloseAsync();
    }

    private async Task<MimeMessage> MailAsync(string to, string subject)
    {
        MimeMessage? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = browser.Smtp.Messages().FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == to) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, $"a mail '{subject}' to {to}");
        return found!;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task A_walk_in_draws_ticket_1_staff_call_it_and_the_board_shows_it(int width)
    {
        var s = await browser.App.ServiceAsync();
        var code = s.Tenant.Code;
        var staff = await browser.App.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId));

        var kiosk = await browser.NewPageAsync(width);
        await kiosk.GotoAsync($"/{code}/counter/kiosk");
        await CheckAsync(kiosk, $"counter-kiosk-{width}");
        await kiosk.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("住民異動") }).ClickAsync();
        await Assertions.Expect(kiosk.Locator(".ticket-number")).ToHaveTextAsync("1");
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Img, new() { Name = "この番号札のページのQRコード" })).ToBeVisibleAsync();
        await CheckAsync(kiosk, $"counter-ticket-{width}");

        var board = await browser.NewPageAsync(width);
        await board.GotoAsync($"/{code}/counter/board");
        await Assertions.Expect(board.GetByText("呼び出し中の番号はありません")).ToBeVisibleAsync();
        await CheckAsync(board, $"counter-board-empty-{width}");

        var desk = await browser.NewPageAsync(width);
        await desk.GotoAsync("/staff/login");
        await desk.GetByLabel("メールアドレス").FillAsync(staff.Email);
        await desk.GetByLabel("パスワード").FillAsync(staff.Password);
        await desk.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await desk.GotoAsync($"/{code}/staff/counter");
        await CheckAsync(desk, $"counter-staff-home-{width}");
        await desk.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^番号札") }).ClickAsync();
        await CheckAsync(desk, $"counter-staff-queue-{width}");
        await desk.GetByLabel("窓口番号").FillAsync("3");
        await desk.GetByRole(AriaRole.Button, new() { Name = "次の番号を呼ぶ" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("1 番を呼び出しました");
        await CheckAsync(desk, $"counter-staff-called-{width}");

        // The board's script picks the call up without a reload.
        await Assertions.Expect(board.Locator(".board-number")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(board.GetByText("3 番窓口")).ToBeVisibleAsync();
        await CheckAsync(board, $"counter-board-{width}");
        // The visitor's ticket page, left open since the draw, updates its status line by itself.
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status)).ToContainTextAsync("3 番窓口へお越しください", new() { Timeout = 25_000 });

        await desk.GetByRole(AriaRole.Button, new() { Name = "1 番：対応開始" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "1 番：完了" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("記録しました");
        var ticket = await browser.App.DbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().SingleAsync(t => t.ServiceId == s.ServiceId));
        Assert.Equal(TicketStatus.Completed, ticket.Status);
        Assert.True(ticket.CalledAt >= ticket.IssuedAt && ticket.CompletedAt >= ticket.ServedAt && ticket.ServedAt >= ticket.CalledAt);

        // The day's bookings and the settings pages.
        await desk.GotoAsync($"/{code}/staff/counter/{s.Code}/reservations?date={CounterScenario.NextOpenDay():yyyy-MM-dd}");
        await CheckAsync(desk, $"counter-staff-day-{width}");
        await desk.GotoAsync($"/{code}/staff/counter/services/{s.ServiceId}");
        await CheckAsync(desk, $"counter-staff-settings-{width}");
        await desk.GotoAsync($"/{code}/staff/counter/services/new");
        await CheckAsync(desk, $"counter-staff-new-{width}");
        await desk.Context.CloseAsync();
        await board.Context.CloseAsync();
        await kiosk.Context.CloseAsync();
    }
}
