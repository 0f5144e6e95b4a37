using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Review;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Apply;

/// <summary>
/// A resident follows their application after submission: the correction round trip with the
/// department, messages, withdrawal. Resident signed in through the dev provider, staff through the
/// staff login, both over HTTP without JavaScript.
/// </summary>
public sealed class ResidentCaseTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private const string Key = "risai-shoumei";

    private sealed record Case(TestData.TenantInfo Tenant, HttpClient Resident, Guid Id, string Number)
    {
        public string Detail => $"/{Tenant.Code}/account/applications/{Id}";
        public string StaffPage => $"/{Tenant.Code}/staff/applications/{Id}";
    }

    /// <summary>An application submitted through the pages by a resident signed in as <paramref name="persona"/>.</summary>
    private async Task<Case> SubmittedAsync(string persona = "yamada", TestData.TenantInfo? tenant = null)
    {
        tenant ??= await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, persona);
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var first = await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()));
        var id = Guid.Parse(first.Url.AbsolutePath.Split('/')[3]);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(Key))));
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{id}/check")).AsPage();
        Assert.Equal(HttpStatusCode.Redirect, (await resident.SubmitAsync(check, new Dictionary<string, string>())).StatusCode);
        return new Case(tenant, resident, id, (await app.StoredAsync(id)).ReceiptNumber!);
    }

    private async Task<HttpClient> StaffAsync(TestData.TenantInfo tenant, StaffRoleKind role = StaffRoleKind.Approver) =>
        await app.SignInAsync(await app.StaffAsync(tenant, (role, tenant.DepartmentId)), client: app.KestrelBrowser());

    private Task<List<ApplicationEventKind>> HistoryAsync(Guid id) =>
        app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters().Where(e => e.ApplicationId == id).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());

    [Fact]
    public async Task Correction_round_trip_keeps_the_receipt_number_and_records_one_resubmission()
    {
        var c = await SubmittedAsync();
        var staff = await StaffAsync(c.Tenant);
        var casePage = await staff.GetPageAsync(c.StaffPage);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(casePage, new Dictionary<string, string> { ["note"] = "内部だけの所見：要確認" }, "#note-form")).StatusCode);
        casePage = await staff.GetPageAsync(c.StaffPage);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(casePage, new Dictionary<string, string> { ["correction"] = "被害の程度を選び直してください。" }, "#correction-form")).StatusCode);

        // The resident reads the request on their detail page; the internal note is nowhere.
        var list = (await c.Resident.GetFollowingAsync($"/{c.Tenant.Code}/account/applications")).AsPage();
        Assert.Contains("補正のお願い", list.Text);
        Assert.Equal(c.Detail, list.Document.QuerySelector("td a")!.GetAttribute("href"));
        var detail = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        Assert.Contains("被害の程度を選び直してください。", detail.Document.QuerySelector(".correction-text")!.TextContent);
        Assert.DoesNotContain("内部だけの所見", detail.Body);
        Assert.DoesNotContain("担当者の割当て", detail.Text);

        // The form pages accept edits again; the check page now resubmits.
        var edit = (await c.Resident.GetFollowingAsync($"/{c.Tenant.Code}/applications/{c.Id}/pages/0")).AsPage();
        Assert.Equal(HttpStatusCode.Redirect, (await c.Resident.SubmitAsync(edit, new Dictionary<string, string> { ["_go"] = "save" })).StatusCode);
        var check = (await c.Resident.GetFollowingAsync($"/{c.Tenant.Code}/applications/{c.Id}/check")).AsPage();
        Assert.Contains("再提出する", check.Text);
        Assert.Contains("被害の程度を選び直してください。", check.Document.QuerySelector(".correction-text")!.TextContent);
        Assert.Contains("被害の程度を選び直してください。", edit.Document.QuerySelector(".correction-text")!.TextContent);
        var clicks = await Task.WhenAll(c.Resident.SubmitAsync(check, new Dictionary<string, string>()), c.Resident.SubmitAsync(check, new Dictionary<string, string>()));
        Assert.All(clicks, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(clicks, r => Assert.Equal(c.Detail, r.Headers.Location!.OriginalString));

        var stored = await app.StoredAsync(c.Id);
        Assert.Equal(ApplicationStatus.UnderReview, stored.Status);
        Assert.Equal(c.Number, stored.ReceiptNumber);
        Assert.Equal(1, (await HistoryAsync(c.Id)).Count(k => k == ApplicationEventKind.Resubmitted));
        var after = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        var history = after.Document.QuerySelector("table[aria-labelledby=history-title]")!.TextContent;
        Assert.Contains("再提出", history);
        Assert.Contains("令和", history);
        Assert.Null(after.Document.QuerySelector(".correction-text"));

        // Back in the staff queue, and the edit pages are closed again.
        Assert.Contains(c.Number, (await staff.GetPageAsync($"/{c.Tenant.Code}/staff/applications?status=UnderReview")).Text);
        Assert.Equal(HttpStatusCode.Redirect, (await c.Resident.GetAsync($"/{c.Tenant.Code}/applications/{c.Id}/pages/0")).StatusCode);

        // No notice before the decision.
        Assert.Equal(HttpStatusCode.NotFound, (await c.Resident.GetAsync($"{c.Detail}/notice")).StatusCode);

        // The decision closes it.
        casePage = await staff.GetPageAsync(c.StaffPage);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(casePage, new Dictionary<string, string> { ["decision"] = "approve" }, "#decide-form")).StatusCode);
        Assert.Equal(
            [ApplicationEventKind.Submitted, ApplicationEventKind.CorrectionRequested, ApplicationEventKind.Resubmitted, ApplicationEventKind.Approved],
            await HistoryAsync(c.Id));
        var decided = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        Assert.Contains("承認", decided.Document.QuerySelector(".case-status")!.TextContent);

        // The 決定通知書 for the resident (linked from the page) and for the staff.
        var link = decided.Document.QuerySelector("a[href$='/notice']")!.GetAttribute("href")!;
        await AssertPdfAsync(await c.Resident.GetAsync(link));
        await AssertPdfAsync(await staff.GetAsync($"{c.StaffPage}/notice"));
    }

    private static async Task AssertPdfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task Messages_go_both_ways_and_show_script_as_text()
    {
        var c = await SubmittedAsync();
        var staff = await StaffAsync(c.Tenant, StaffRoleKind.Reviewer);
        var script = "<script>alert('x')</script> 書類は郵送でも構いませんか？";
        var detail = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        Assert.Equal(HttpStatusCode.Redirect, (await c.Resident.SubmitAsync(detail, new Dictionary<string, string> { ["message"] = script }, "#message-form")).StatusCode);

        var casePage = await staff.GetPageAsync(c.StaffPage);
        Assert.Contains(script, casePage.Document.QuerySelector(".case-thread")!.TextContent);
        Assert.DoesNotContain("<script>alert", casePage.Body);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(casePage, new Dictionary<string, string> { ["message"] = "郵送で結構です。" }, "#message-form")).StatusCode);

        var reply = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        var thread = reply.Document.QuerySelector(".case-thread")!.TextContent;
        Assert.Contains("郵送で結構です。", thread);
        Assert.Contains("担当課", thread);
        Assert.DoesNotContain("<script>alert", reply.Body);

        // An empty message is refused at the field.
        var empty = await c.Resident.SubmitAsync(reply, new Dictionary<string, string> { ["message"] = "" }, "#message-form");
        Assert.NotNull(Html.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("#message-error"));
        Assert.Equal(2, await app.DbAsync(db => db.Set<ApplicationMessage>().IgnoreQueryFilters().CountAsync(m => m.ApplicationId == c.Id)));
    }

    [Fact]
    public async Task Withdrawal_is_confirmed_and_closes_the_application_to_messages_and_corrections()
    {
        var c = await SubmittedAsync();
        var staff = await StaffAsync(c.Tenant);
        var staffPage = await staff.GetPageAsync(c.StaffPage);
        var detail = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();

        var confirm = (await c.Resident.GetFollowingAsync($"{c.Detail}/withdraw")).AsPage();
        Assert.Contains("元に戻せません", confirm.Text);
        var withdrawn = await c.Resident.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(ApplicationStatus.Withdrawn, (await app.StoredAsync(c.Id)).Status);
        var version = (await app.StoredAsync(c.Id)).Version;

        // The resident's old page, and the staff's: refused, nothing changed.
        var message = await c.Resident.SubmitAsync(detail, new Dictionary<string, string> { ["message"] = "やはり続けたいです" }, "#message-form");
        Assert.Equal(HttpStatusCode.Conflict, message.StatusCode);
        var correction = await staff.SubmitAsync(staffPage, new Dictionary<string, string> { ["correction"] = "直してください" }, "#correction-form");
        Assert.Equal(HttpStatusCode.Conflict, correction.StatusCode);
        // Even with the current version: the status refuses.
        var token = detail.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var current = await c.Resident.PostAsync($"{c.Detail}?handler=Message", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = version.ToString(), ["message"] = "もう一度",
        }));
        Assert.Equal(HttpStatusCode.Conflict, current.StatusCode);
        Assert.Contains("「取下げ」のため、この操作はできません。", await current.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.DbAsync(db => db.Set<ApplicationMessage>().IgnoreQueryFilters().CountAsync(m => m.ApplicationId == c.Id)));
        Assert.Equal(version, (await app.StoredAsync(c.Id)).Version);
        Assert.Equal([ApplicationEventKind.Submitted, ApplicationEventKind.Withdrawn], await HistoryAsync(c.Id));

        var closed = (await c.Resident.GetFollowingAsync(c.Detail)).AsPage();
        Assert.Null(closed.Document.QuerySelector("#message-form"));
        Assert.DoesNotContain("この申請を取り下げる", closed.Text);
    }

    [Fact]
    public async Task Another_resident_cannot_see_or_act_on_my_application()
    {
        var c = await SubmittedAsync();
        var stranger = app.KestrelBrowser();
        await stranger.SignInAsPersonaAsync(c.Tenant.Code, "sato");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(c.Detail)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{c.Detail}/withdraw")).StatusCode);

        var own = (await stranger.GetFollowingAsync($"/{c.Tenant.Code}/account")).AsPage();
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = (await app.StoredAsync(c.Id)).Version.ToString();
        foreach (var url in new[] { $"{c.Detail}?handler=Message", $"{c.Detail}/withdraw" })
        {
            var post = await stranger.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["version"] = version, ["message"] = "なりすまし",
            }));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var stored = await app.StoredAsync(c.Id);
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(version, stored.Version.ToString());

        // Decided, its notice is still only the owner's.
        var staff = await StaffAsync(c.Tenant);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(await staff.GetPageAsync(c.StaffPage),
            new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "対象外です。" }, "#decide-form")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{c.Detail}/notice")).StatusCode);
        await AssertPdfAsync(await c.Resident.GetAsync($"{c.Detail}/notice"));
    }
}
