using System.Net;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter;

/// <summary>Kiosk tickets under concurrency, staff calling them (twice), the board, the follow page and the recorded times.</summary>
public sealed class TicketTests(CounterApp app) : IClassFixture<CounterApp>
{
    private Task<List<QueueTicket>> TicketsAsync(Guid serviceId) =>
        app.DbAsync(db => db.Set<QueueTicket>().IgnoreQueryFilters().Where(t => t.ServiceId == serviceId).OrderBy(t => t.Number).ToListAsync());

    private async Task<string> DrawAsync(CounterScenario.Setup s, HttpClient? browser = null)
    {
        browser ??= app.Browser();
        var kiosk = await browser.GetPageAsync($"/{s.Tenant.Code}/counter/kiosk");
        var response = await browser.SubmitAsync(kiosk, new Dictionary<string, string>(), $"form[data-service='{s.ServiceId}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Simultaneous_kiosk_draws_get_unique_numbers_without_gaps()
    {
        var s = await app.ServiceAsync();
        var browsers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var b = app.Browser();
            return (b, await b.GetPageAsync($"/{s.Tenant.Code}/counter/kiosk"));
        }));
        var responses = await Task.WhenAll(browsers.Select(x => x.b.SubmitAsync(x.Item2, new Dictionary<string, string>(), $"form[data-service='{s.ServiceId}']")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var numbers = (await TicketsAsync(s.ServiceId)).Select(t => t.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 20), numbers);
    }

    [Fact]
    public async Task A_walk_in_draws_ticket_1_staff_call_it_the_board_shows_it_and_the_times_are_recorded()
    {
        var s = await app.ServiceAsync();
        var ticketPath = await DrawAsync(s);
        var second = await DrawAsync(s);
        var ticketPage = await app.Browser().GetPageAsync(ticketPath);
        Assert.Equal("1", ticketPage.Document.QuerySelector(".ticket-number")!.TextContent.Trim());
        Assert.NotNull(ticketPage.Document.QuerySelector(".qr svg"));
        Assert.Contains("前に 0 人", ticketPage.Text);
        Assert.Contains("前に 1 人", (await app.Browser().GetPageAsync(second)).Text);

        var staff = await app.SignInAsync(await app.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId)));
        var queue = $"/{s.Tenant.Code}/staff/counter/{s.Code}/tickets";
        var called = await staff.SubmitAsync(await staff.GetPageAsync(queue), new Dictionary<string, string> { ["Window"] = "3" }, "main form[aria-label]");
        Assert.Equal(HttpStatusCode.Redirect, called.StatusCode);

        var board = await app.Browser().GetPageAsync($"/{s.Tenant.Code}/counter/board");
        Assert.Equal("1", board.Document.QuerySelector(".board-number")!.TextContent.Trim());
        Assert.Contains("3 番窓口", board.Text);
        Assert.Null(board.Document.QuerySelector("meta[http-equiv=refresh]"));
        var wall = await app.Browser().GetPageAsync($"/{s.Tenant.Code}/counter/board?display=wall");
        Assert.NotNull(wall.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal("1", wall.Document.QuerySelector(".board-number")!.TextContent.Trim());
        var json = await app.Browser().GetStringAsync($"/{s.Tenant.Code}/counter/board.json");
        Assert.Contains("\"number\":1", json);
        Assert.Contains("呼び出し中です", (await app.Browser().GetPageAsync(ticketPath)).Text);

        // Serve and complete ticket 1 from the queue page.
        foreach (var action in new[] { "Serve", "Complete" })
        {
            var page = await staff.GetPageAsync(queue + "?window=3");
            var form = $"form[data-action={action}]";
            Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(page, new Dictionary<string, string>(), form)).StatusCode);
        }

        var one = (await TicketsAsync(s.ServiceId))[0];
        Assert.Equal(TicketStatus.Completed, one.Status);
        Assert.NotNull(one.CalledAt);
        Assert.NotNull(one.ServedAt);
        Assert.NotNull(one.CompletedAt);
        Assert.True(one.IssuedAt <= one.CalledAt && one.CalledAt <= one.ServedAt && one.ServedAt <= one.CompletedAt);
        var stats = await staff.GetPageAsync(queue);
        Assert.Contains("平均待ち時間", stats.Text);
        Assert.DoesNotContain("平均待ち時間—", stats.Text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ticket_called_twice_is_called_once_and_two_windows_calling_next_get_different_numbers()
    {
        var s = await app.ServiceAsync();
        for (var i = 0; i < 3; i++)
        {
            await DrawAsync(s);
        }

        var member = await app.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId));
        var a = await app.SignInAsync(member);
        var b = await app.SignInAsync(member);
        var queue = $"/{s.Tenant.Code}/staff/counter/{s.Code}/tickets?window=1";
        var pageA = await a.GetPageAsync(queue);
        var pageB = await b.GetPageAsync(queue);

        // Both windows press 呼ぶ on number 1 from the same screen.
        var callOne = "form[data-action=Call]";
        var results = await Task.WhenAll(
            a.SubmitAsync(pageA, new Dictionary<string, string> { ["Window"] = "1" }, callOne),
            b.SubmitAsync(pageB, new Dictionary<string, string> { ["Window"] = "2" }, callOne));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var tickets = await TicketsAsync(s.ServiceId);
        Assert.Equal(TicketStatus.Called, tickets[0].Status);
        Assert.Equal(1, tickets[0].CallCount);
        Assert.Equal(TicketStatus.Waiting, tickets[1].Status);
        var notices = await Task.WhenAll(a.GetPageAsync(queue), b.GetPageAsync(queue));
        Assert.Single(notices, p => p.Text.Contains("別の職員がすでに操作しました", StringComparison.Ordinal));

        // 次の番号を呼ぶ at two windows at once: numbers 2 and 3, one each.
        var next = "main form[aria-label]";
        var both = await Task.WhenAll(
            a.SubmitAsync(await a.GetPageAsync(queue), new Dictionary<string, string> { ["Window"] = "1" }, next),
            b.SubmitAsync(await b.GetPageAsync(queue), new Dictionary<string, string> { ["Window"] = "2" }, next));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        tickets = await TicketsAsync(s.ServiceId);
        Assert.All(tickets, t => Assert.Equal(TicketStatus.Called, t.Status));
        Assert.Equal(["1", "2"], tickets.Skip(1).Select(t => t.Window!).Order());

        // Recall keeps the ticket called and counts the call.
        var recall = await a.SubmitAsync(await a.GetPageAsync(queue), new Dictionary<string, string>(), "form[data-action=Recall]");
        Assert.Equal(HttpStatusCode.Redirect, recall.StatusCode);
        Assert.Equal(2, (await TicketsAsync(s.ServiceId))[0].CallCount);
    }

    [Fact]
    public async Task Staff_of_another_department_cannot_run_the_queue_and_an_unknown_ticket_is_not_found()
    {
        var s = await app.ServiceAsync();
        var otherDepartment = new Madoguchi.Platform.Tenancy.Department { TenantId = s.Tenant.Id, Name = "税務課" };
        await app.DbAsync(async db => { db.Add(otherDepartment); await db.SaveChangesAsync(); });
        var outsider = await app.SignInAsync(await app.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, otherDepartment.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/{s.Tenant.Code}/staff/counter/{s.Code}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/{s.Tenant.Code}/staff/counter/{s.Code}/reservations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/{s.Tenant.Code}/counter/tickets/0123456789abcdef0123456789abcdef")).StatusCode);
    }
}
