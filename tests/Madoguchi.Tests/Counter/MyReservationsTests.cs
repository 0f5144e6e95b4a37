using System.Net;
using Madoguchi.Counter.Reservations;
using Madoguchi.Identity;
using Madoguchi.Tests.Counter.Assisted;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter;

/// <summary>A signed-in resident finds their counter reservations on their own page and cancels one there.</summary>
public sealed class MyReservationsTests(CounterIdpApp app) : IClassFixture<CounterIdpApp>
{
    [Fact]
    public async Task The_account_lists_its_reservations_cancels_one_once_and_cannot_touch_anothers()
    {
        var s = await app.ServiceAsync(capacity: 1);
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(s.Tenant.Code, "yamada");
        await app.DbAsync(async db =>
        {
            var account = await db.Set<ResidentAccount>().IgnoreQueryFilters().SingleAsync(r => r.TenantId == s.Tenant.Id);
            (account.Email, account.NormalizedEmail, account.EmailConfirmed) = ("yamada@example.jp", "YAMADA@EXAMPLE.JP", true);
            await db.SaveChangesAsync();
        });

        var day = CounterScenario.NextOpenDay(2);
        var booked = await resident.SubmitAsync(s.Day(day), new Dictionary<string, string> { ["Input.Start"] = "10:00" });
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        await app.BookByMailAsync(s, day, "11:00", "other@example.jp", browser: app.KestrelBrowser());
        var others = await app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().SingleAsync(r => r.Email == "other@example.jp"));

        var list = (await resident.GetFollowingAsync($"/{s.Tenant.Code}/account/reservations")).AsPage();
        var row = Assert.Single(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("住民異動", row.TextContent);
        Assert.Contains("予約済み", row.TextContent);
        Assert.Contains("令和", row.TextContent);
        Assert.Contains("/account/reservations", (await resident.GetFollowingAsync($"/{s.Tenant.Code}/account")).AsPage().Document
            .QuerySelectorAll("a").Select(a => a.GetAttribute("href")).OfType<string>().Aggregate("", (all, h) => all + " " + h));

        // Another resident's reservation cannot be cancelled from this account.
        var form = list.Document.QuerySelector("tbody form")!;
        var mineId = await app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().Where(r => r.Email == "yamada@example.jp").Select(r => r.Id).SingleAsync());
        var forged = form.GetAttribute("action")!.Replace(mineId.ToString(), others.Id.ToString(), StringComparison.Ordinal);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await resident.PostAsync(forged, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["version"] = "0" }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(ReservationStatus.Booked, (await app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().SingleAsync(r => r.Id == others.Id))).Status);

        var cancelled = await resident.FollowAsync(await resident.SubmitAsync(list, new Dictionary<string, string>(), "tbody form"));
        Assert.Contains("予約を取り消しました。", cancelled.AsPage().Text);
        Assert.Contains("取消済み", cancelled.AsPage().Document.QuerySelector("tbody tr")!.TextContent);
        Assert.Null(cancelled.AsPage().Document.QuerySelector("tbody form"));

        // The same form posted again (a double click, or a second tab) cancels nothing more.
        var again = await resident.FollowAsync(await resident.SubmitAsync(list, new Dictionary<string, string>(), "tbody form"));
        Assert.Contains("すでに取り消されています", again.AsPage().Text);
        var mine = await app.DbAsync(db => db.Set<Reservation>().IgnoreQueryFilters().Where(r => r.Email == "yamada@example.jp").ToListAsync());
        Assert.Equal(ReservationStatus.Cancelled, Assert.Single(mine).Status);
        Assert.Single(await app.MailsToAsync("yamada@example.jp"), m => m.Subject.Contains("取り消しました", StringComparison.Ordinal));
    }
}
