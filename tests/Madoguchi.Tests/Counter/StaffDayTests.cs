using System.Globalization;
using System.Net;
using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter;

/// <summary>Staff's day view: arrival issues one ticket, no-show, and blocking a slot that has bookings.</summary>
public sealed class StaffDayTests(CounterApp app) : IClassFixture<CounterApp>
{
    private Task<List<Reservation>> ReservationsAsync(Guid serviceId) =>
        app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().Where(r => r.ServiceId == serviceId).OrderBy(r => r.CreatedAt).ToListAsync());

    [Fact]
    public async Task Arrival_issues_one_ticket_even_when_posted_twice_and_no_show_is_recorded()
    {
        var s = await app.ServiceAsync();
        var day = CounterScenario.NextOpenDay();
        await app.BookByMailAsync(s, day, "09:00", $"a-{Guid.NewGuid():N}@example.jp", "到着 一郎");
        await app.BookByMailAsync(s, day, "09:00", $"b-{Guid.NewGuid():N}@example.jp", "不在 二郎");
        var staff = await app.SignInAsync(await app.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId)));
        var url = $"/{s.Tenant.Code}/staff/counter/{s.Code}/reservations?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var page = await staff.GetPageAsync(url);
        Assert.Contains("到着 一郎", page.Text);

        var arrive = "main form[action*=Arrived]";
        var first = await staff.SubmitAsync(page, new Dictionary<string, string>(), arrive);
        var second = await staff.SubmitAsync(page, new Dictionary<string, string>(), arrive);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var ticket = Assert.Single(await app.DbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().Where(t => t.ServiceId == s.ServiceId).ToListAsync()));
        var reservations = await ReservationsAsync(s.ServiceId);
        Assert.Equal(reservations[0].Id, ticket.ReservationId);
        Assert.Equal(ReservationStatus.Arrived, reservations[0].Status);
        Assert.NotNull(reservations[0].ArrivedAt);
        Assert.Contains("別の職員がすでに操作しました", (await staff.GetPageAsync(url)).Text);

        var noShow = await staff.SubmitAsync(await staff.GetPageAsync(url), new Dictionary<string, string>(), "main form[action*=NoShow]");
        Assert.Equal(HttpStatusCode.Redirect, noShow.StatusCode);
        Assert.Equal(ReservationStatus.NoShow, (await ReservationsAsync(s.ServiceId))[1].Status);
    }

    [Fact]
    public async Task Blocking_a_slot_with_bookings_needs_consent_then_cancels_and_mails_them_and_refuses_new_bookings()
    {
        var s = await app.ServiceAsync();
        var day = CounterScenario.NextOpenDay();
        var email = $"blocked-{Guid.NewGuid():N}@example.jp";
        await app.BookByMailAsync(s, day, "10:00", email);
        var staff = await app.SignInAsync(await app.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId)));
        var url = $"/{s.Tenant.Code}/staff/counter/{s.Code}/reservations?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var page = await staff.GetPageAsync(url);
        var form = page.Document.QuerySelectorAll("main form").First(f => (f.GetAttribute("action") ?? "").Contains("Block", StringComparison.Ordinal)
            && f.QuerySelector("input[name=Start]")!.GetAttribute("value") == "10:00");
        form.SetAttribute("id", "block-ten");

        var refused = await staff.SubmitAsync(page, new Dictionary<string, string>(), "#block-ten");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("この枠には予約があります", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ReservationStatus.Booked, Assert.Single(await ReservationsAsync(s.ServiceId)).Status);

        var blocked = await staff.SubmitAsync(page, new Dictionary<string, string> { ["CancelBookings"] = "true" }, "#block-ten");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        var reservation = Assert.Single(await ReservationsAsync(s.ServiceId));
        Assert.Equal(ReservationStatus.Cancelled, reservation.Status);
        Assert.Equal("staff", reservation.CancelledBy);
        Assert.Contains("窓口の都合により", (await app.MailsToAsync(email)).Last().TextBody);
        var load = await app.DbAsync(db => db.Set<SlotLoad>().IgnoreQueryFilters().SingleAsync(l => l.ServiceId == s.ServiceId));
        Assert.True(load.Blocked);
        Assert.Equal(0, load.Booked);

        // The blocked slot is not offered, and a booking posted for it is refused.
        var dayPage = await app.Browser().GetPageAsync(s.Day(day));
        Assert.Null(dayPage.Document.QuerySelector("input[name='Input.Start'][value='10:00']"));
        var resident = app.Browser();
        var response = await resident.SubmitAsync(s.Day(day), new Dictionary<string, string>
        {
            ["Input.Start"] = "10:00", ["Input.Name"] = "後から 来る", ["Input.Email"] = $"late-{Guid.NewGuid():N}@example.jp",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // the link is mailed; the slot is checked when it is confirmed
        var late = (await app.DbAsync(db => db.Set<Madoguchi.Platform.Mail.OutboxMail>().Where(m => m.TextBody.Contains("/counter/confirm/")).OrderByDescending(m => m.CreatedAt).FirstAsync()));
        var link = new Uri(late.TextBody.Split('\n').First(l => l.Contains("/counter/confirm/", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var confirm = await resident.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("満員", await confirm.Content.ReadAsStringAsync());

        var unblock = await staff.SubmitAsync(await staff.GetPageAsync(url), new Dictionary<string, string>(), "main form[action*=Unblock]");
        Assert.Equal(HttpStatusCode.Redirect, unblock.StatusCode);
        Assert.False((await app.DbAsync(db => db.Set<SlotLoad>().IgnoreQueryFilters().SingleAsync(l => l.ServiceId == s.ServiceId))).Blocked);
    }
}
