using System.Net;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Review;

/// <summary>Staff take a case from arrival to decision on its case page, over HTTP, on SQLite and PostgreSQL.</summary>
public sealed class CaseworkTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static string CasePage(TestData.TenantInfo tenant, Guid id) => $"/{tenant.Code}/staff/applications/{id}";

    private Task<int> EventsAsync(Guid id, ApplicationEventKind kind) =>
        app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters().CountAsync(e => e.ApplicationId == id && e.Kind == kind));

    private async Task<HttpResponseMessage> ActAsync(HttpClient staff, TestData.TenantInfo tenant, Guid id, string form, Dictionary<string, string> fields) =>
        await staff.SubmitAsync(await staff.GetPageAsync(CasePage(tenant, id)), fields, $"#{form}");

    [Fact]
    public async Task Assigning_starts_the_review_and_the_queue_filters_by_assignee_and_received_date()
    {
        var tenant = await app.TenantAsync();
        var mine = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var colleagues = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var open = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var colleague = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var staff = await app.SignInAsync(reviewer);

        var taken = await ActAsync(staff, tenant, mine.Id, "assign-form", new() { ["assignee"] = "me" });
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var stored = await app.StoredAsync(mine.Id);
        Assert.Equal(reviewer.Id, stored.AssigneeId);
        Assert.Equal(ApplicationStatus.UnderReview, stored.Status);
        Assert.Equal(1, await EventsAsync(mine.Id, ApplicationEventKind.ReviewStarted));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(staff, tenant, colleagues.Id, "assign-form", new() { ["assignee"] = colleague.Id.ToString() })).StatusCode);
        Assert.Equal(colleague.Id, (await app.StoredAsync(colleagues.Id)).AssigneeId);

        // Someone outside the department cannot be given the case: a message at the field, nothing changed.
        var outsider = await app.StaffAsync(tenant);
        var refused = await ActAsync(staff, tenant, open.Id, "assign-form", new() { ["assignee"] = outsider.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("この課の職員から担当者を選んでください。", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#assignee-error")!.TextContent);
        Assert.Null((await app.StoredAsync(open.Id)).AssigneeId);

        var me = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?assignee=me");
        Assert.Contains(mine.Number, me.Text);
        Assert.DoesNotContain(colleagues.Number, me.Text);
        var nobody = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?assignee=none");
        Assert.Contains(open.Number, nobody.Text);
        Assert.DoesNotContain(mine.Number, nobody.Text);
        var theirs = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?assignee={colleague.Id}&status=UnderReview");
        Assert.Contains(colleagues.Number, theirs.Text);
        Assert.DoesNotContain(mine.Number, theirs.Text);

        // 到達日 in Japan time: one arrived "yesterday", the rest today.
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == open.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SubmittedAt, DateTime.UtcNow.AddDays(-2))));
        var today = DateOnly.FromDateTime(Madoguchi.Platform.Localization.Wareki.ToJapanTime(DateTime.UtcNow));
        var recent = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Contains(mine.Number, recent.Text);
        Assert.DoesNotContain(open.Number, recent.Text);
        var older = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains(open.Number, older.Text);
        Assert.DoesNotContain(mine.Number, older.Text);
        var backwards = await staff.GetPageAsync($"/{tenant.Code}/staff/applications?from={today:yyyy-MM-dd}&to={today.AddDays(-3):yyyy-MM-dd}");
        Assert.Contains("到達日の「から」は「まで」と同じか前の日にしてください。", backwards.Document.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task Notes_correction_and_decisions_follow_roles_with_mail_to_the_resident()
    {
        var tenant = await app.TenantAsync();
        var email = $"resident-{Guid.NewGuid():N}@example.jp";
        var corrected = await app.SubmittedAsync(tenant, tenant.DepartmentId, mailTo: email);
        var decided = await app.SubmittedAsync(tenant, tenant.DepartmentId, mailTo: email);
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        var approver = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId)));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(reviewer, tenant, corrected.Id, "note-form", new() { ["note"] = "住民票と照合済み" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(reviewer, tenant, corrected.Id, "correction-form", new() { ["correction"] = "罹災日を確認してください。" })).StatusCode);
        var page = await reviewer.GetPageAsync(CasePage(tenant, corrected.Id));
        Assert.Contains("住民票と照合済み", page.Text);
        Assert.Contains("罹災日を確認してください。", page.Text);
        Assert.Contains("補正の依頼", page.Document.QuerySelector("table[aria-labelledby=history-title]")!.TextContent);
        Assert.Equal(ApplicationStatus.CorrectionRequested, (await app.StoredAsync(corrected.Id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(reviewer, tenant, corrected.Id, "message-form", new() { ["message"] = "罹災日は11月20日ではありませんか。" })).StatusCode);
        var mails = await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().Where(m => m.To == email).ToListAsync());
        Assert.Contains(mails, m => m.Subject.Contains("補正のお願い") && m.Subject.Contains(corrected.Number));
        Assert.Contains(mails, m => m.Subject.Contains("担当課からのメッセージ") && m.Subject.Contains(corrected.Number));
        // The mail only points to the page: what staff wrote stays behind sign-in.
        Assert.All(mails, m => Assert.DoesNotContain("罹災日", m.TextBody));
        Assert.DoesNotContain(mails, m => m.TextBody.Contains("住民票と照合済み"));

        // A reviewer sees no decision form, and a forged decision is refused with a message.
        var reviewerPage = await reviewer.GetPageAsync(CasePage(tenant, decided.Id));
        Assert.Null(reviewerPage.Document.QuerySelector("#decide-form"));
        var token = reviewerPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await reviewer.PostAsync(CasePage(tenant, decided.Id) + "?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = (await app.StoredAsync(decided.Id)).Version.ToString(), ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("決裁者", await forged.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationStatus.Submitted, (await app.StoredAsync(decided.Id)).Status);

        // A rejection needs its reason: the message is at the field and in the summary, nothing changes.
        var noReason = await ActAsync(approver, tenant, decided.Id, "decide-form", new() { ["decision"] = "reject", ["reason"] = " " });
        var noReasonPage = Html.Parse(await noReason.Content.ReadAsStringAsync());
        Assert.NotNull(noReasonPage.QuerySelector("#reason-error"));
        Assert.Contains("不承認の理由", noReasonPage.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(ApplicationStatus.Submitted, (await app.StoredAsync(decided.Id)).Status);

        var rejected = await ActAsync(approver, tenant, decided.Id, "decide-form", new() { ["decision"] = "reject", ["reason"] = "被害の認定基準に該当しません。" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var stored = await app.StoredAsync(decided.Id);
        Assert.Equal(ApplicationStatus.Rejected, stored.Status);
        Assert.NotNull(stored.DecidedAt);
        Assert.Equal("被害の認定基準に該当しません。", stored.DecisionReason);
        Assert.Equal(1, await EventsAsync(decided.Id, ApplicationEventKind.Rejected));
        Assert.Contains(await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().Where(m => m.To == email).Select(m => m.Subject).ToListAsync()),
            s => s.Contains("審査結果のお知らせ") && s.Contains(decided.Number));

        // The 決定通知書: for staff of the department; another department's staff and another municipality's find nothing.
        var pdf = await approver.GetAsync(CasePage(tenant, decided.Id) + "/notice");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        var welfare = await app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = "福祉課" };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var elsewhere = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, welfare)));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(CasePage(tenant, decided.Id) + "/notice")).StatusCode);
        var other = await app.TenantAsync();
        var (_, stranger) = await app.TenantAdminAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{other.Code}/staff/applications/{decided.Id}/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(CasePage(tenant, decided.Id) + "/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await approver.GetAsync(CasePage(tenant, corrected.Id) + "/notice")).StatusCode);

        // Decided is final: the page offers no decision, and a replay of the old form is refused.
        var after = await approver.GetPageAsync(CasePage(tenant, decided.Id));
        Assert.Null(after.Document.QuerySelector("#decide-form"));
        Assert.Contains("令和", after.Document.QuerySelector("table[aria-labelledby=history-title]")!.TextContent);
    }

    [Fact]
    public async Task Two_approvers_deciding_the_same_case_one_wins_and_the_other_is_told()
    {
        var tenant = await app.TenantAsync();
        var first = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId)));
        var second = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId)));

        // One after the other, both having opened the page before either decided.
        var sequential = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var page1 = await first.GetPageAsync(CasePage(tenant, sequential.Id));
        var page2 = await second.GetPageAsync(CasePage(tenant, sequential.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(page1, new Dictionary<string, string> { ["decision"] = "approve" }, "#decide-form")).StatusCode);
        var late = await second.SubmitAsync(page2, new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "不備" }, "#decide-form");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("別の職員または申請者が更新しました。何も変更していません。", await late.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationStatus.Approved, (await app.StoredAsync(sequential.Id)).Status);
        Assert.Equal(0, await EventsAsync(sequential.Id, ApplicationEventKind.Rejected));

        // Truly at once: exactly one decision is recorded, whichever it is.
        var raced = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var p1 = await first.GetPageAsync(CasePage(tenant, raced.Id));
        var p2 = await second.GetPageAsync(CasePage(tenant, raced.Id));
        var both = await Task.WhenAll(
            first.SubmitAsync(p1, new Dictionary<string, string> { ["decision"] = "approve" }, "#decide-form"),
            second.SubmitAsync(p2, new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "不備があります。" }, "#decide-form"));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        var decisions = await EventsAsync(raced.Id, ApplicationEventKind.Approved) + await EventsAsync(raced.Id, ApplicationEventKind.Rejected);
        Assert.Equal(1, decisions);
        var stored = await app.StoredAsync(raced.Id);
        Assert.True(stored.Status is ApplicationStatus.Approved or ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task A_withdrawn_case_cannot_be_decided_or_corrected()
    {
        var tenant = await app.TenantAsync();
        var arrived = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var opened = await admin.GetPageAsync(CasePage(tenant, arrived.Id));
        var version = (await app.StoredAsync(arrived.Id)).Version;
        var withdrawn = await app.InTenantAsync(tenant, sp => sp.GetRequiredService<ResidentCase>().WithdrawAsync(arrived.Id, arrived.Resident, version, CancellationToken.None));
        Assert.True(withdrawn.Done);

        // The page shown before the withdrawal: its version is old.
        var stale = await admin.SubmitAsync(opened, new Dictionary<string, string> { ["decision"] = "approve" }, "#decide-form");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // With the current version the status itself refuses: a message, nothing changed.
        var token = opened.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var current = (await app.StoredAsync(arrived.Id)).Version;
        foreach (var (handler, field, text) in new[] { ("Decide", "decision", "approve"), ("Correction", "correction", "直してください") })
        {
            var post = await admin.PostAsync(CasePage(tenant, arrived.Id) + "?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["version"] = current.ToString(), [field] = text,
            }));
            Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
            Assert.Contains("「取下げ」のため、この操作はできません。", await post.Content.ReadAsStringAsync());
        }

        var stored = await app.StoredAsync(arrived.Id);
        Assert.Equal(ApplicationStatus.Withdrawn, stored.Status);
        Assert.Equal(current, stored.Version);
        Assert.Null(stored.DecidedAt);
        Assert.Equal(0, await EventsAsync(arrived.Id, ApplicationEventKind.CorrectionRequested));
        var page = await admin.GetPageAsync(CasePage(tenant, arrived.Id));
        Assert.Null(page.Document.QuerySelector("#decide-form"));
        Assert.Null(page.Document.QuerySelector("#correction-form"));
    }

    [Fact]
    public async Task Another_departments_or_municipalitys_case_cannot_be_touched()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var welfare = await app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = "福祉課" };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var theirs = await app.SubmittedAsync(tenant, welfare, "hoiku-riyou-moushikomi");
        var mine = await app.SubmittedAsync(tenant, tenant.DepartmentId);
        var approver = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId)));
        var (_, stranger) = await app.TenantAdminAsync(other);

        var version = (await app.StoredAsync(theirs.Id)).Version.ToString();
        var ownPage = await approver.GetPageAsync(CasePage(tenant, mine.Id));
        var token = ownPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // A real form of the stranger's own municipality supplies a valid antiforgery token.
        var strangerPage = await stranger.GetPageAsync($"/{other.Code}/staff/members");
        var strangerToken = strangerPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id));
        foreach (var handler in new[] { "Assign", "Start", "Correction", "Message", "Note", "Decide" })
        {
            var fields = new Dictionary<string, string>
            {
                ["version"] = version, ["assignee"] = "me", ["correction"] = "x", ["message"] = "x", ["note"] = "x", ["decision"] = "approve",
            };
            var post = await approver.PostAsync($"{CasePage(tenant, theirs.Id)}?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            var viaOwnCode = await stranger.PostAsync($"/{other.Code}/staff/applications/{theirs.Id}?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = strangerToken }));
            Assert.Equal(HttpStatusCode.NotFound, viaOwnCode.StatusCode);
            var viaTheirCode = await stranger.PostAsync($"{CasePage(tenant, theirs.Id)}?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = strangerToken }));
            Assert.Equal(HttpStatusCode.Forbidden, viaTheirCode.StatusCode);
        }

        Assert.Equal(before, await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id)));
        Assert.Equal(ApplicationStatus.Submitted, (await app.StoredAsync(theirs.Id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await approver.GetAsync(CasePage(tenant, theirs.Id))).StatusCode);
    }
}
