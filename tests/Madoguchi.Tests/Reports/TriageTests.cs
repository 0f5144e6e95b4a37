using System.Net;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>道路課 triages its reports: statuses with public notes mailed to followers, internal notes, concurrency, 直っていない, merging.</summary>
public sealed class TriageTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private sealed record World(ReportScenario.Setup Setup, Guid Roads, HttpClient RoadsStaff, HttpClient OtherStaff);

    private async Task<World> WorldAsync()
    {
        var tenant = await app.TenantAsync();
        var roads = new Department { TenantId = tenant.Id, Name = "道路課" };
        await app.DbAsync(async db => { db.Add(roads); await db.SaveChangesAsync(); });
        var setup = await ReportingTenantOfAsync(tenant, roads.Id);
        var roadsStaff = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, roads.Id)));
        var otherStaff = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        return new World(setup, roads.Id, roadsStaff, otherStaff);
    }

    private async Task<ReportScenario.Setup> ReportingTenantOfAsync(TestData.TenantInfo tenant, Guid department)
    {
        var category = new Madoguchi.Reports.Catalogue.ReportCategory { TenantId = tenant.Id, Code = ReportScenario.Category, Name = "道路・側溝の損傷", DepartmentId = department };
        await app.DbAsync(async db =>
        {
            db.Add(category);
            db.Add(new Madoguchi.Reports.Geography.ReportArea { TenantId = tenant.Id, GeoJson = ReportScenario.AreaGeoJson });
            await db.SaveChangesAsync();
        });
        return new ReportScenario.Setup(tenant, category.Id, Guid.Empty);
    }

    /// <summary>A resident reports with an address and confirms it from the mail; returns the report id.</summary>
    private async Task<Guid> ReportAsync(World w, string email, string description = "歩道に大きな穴があいている", double lat = ReportScenario.InsideLat)
    {
        var resident = app.Browser();
        var fields = ReportScenario.ValidFields(description, lat);
        fields.Remove("Answers[danger]");
        fields["Input.Email"] = email;
        fields["Input.DuplicatesShown"] = "true";
        var form = await resident.GetPageAsync($"/{w.Setup.Tenant.Code}/reports/new/{ReportScenario.Category}");
        var response = await resident.PostMultipartAsync(form, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await ConfirmAsync(resident, email);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private async Task<string> LinkInLatestMailAsync(string email)
    {
        var mail = await app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstAsync());
        return new Uri(mail.TextBody.Split('\n').Last(l => l.Contains("/reports/followers/", StringComparison.Ordinal)).Trim()).PathAndQuery;
    }

    private async Task ConfirmAsync(HttpClient browser, string email)
    {
        var response = await browser.SubmitAsync(await LinkInLatestMailAsync(email), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static Task<HttpResponseMessage> ChangeStatusAsync(HttpClient staff, Page page, ReportStatus to, string publicNote, string internalNote = "") =>
        staff.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Change.Status"] = to.ToString(), ["Change.PublicNote"] = publicNote, ["Change.InternalNote"] = internalNote,
        }, "form[aria-labelledby=status-title]");

    private Task<List<OutboxMail>> MailsToAsync(string email) => app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderBy(m => m.CreatedAt).ToListAsync());

    [Fact]
    public async Task Roads_staff_take_a_report_through_its_statuses_and_followers_are_mailed_each_change()
    {
        var w = await WorldAsync();
        var code = w.Setup.Tenant.Code;
        var reporter = $"reporter-{Guid.NewGuid():N}@example.jp";
        var id = await ReportAsync(w, reporter);

        // A neighbour follows the same report and confirms.
        var neighbour = $"neighbour-{Guid.NewGuid():N}@example.jp";
        var neighbourBrowser = app.Browser();
        var follow = await neighbourBrowser.SubmitAsync($"/{code}/reports/{id}", new Dictionary<string, string> { ["Follow.Email"] = neighbour }, "form[aria-labelledby=follow-title]");
        Assert.Equal(HttpStatusCode.Redirect, follow.StatusCode);
        await ConfirmAsync(neighbourBrowser, neighbour);

        // The queue of 道路課 has it; 市民課 sees neither the row nor the report.
        var queue = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports");
        Assert.NotNull(queue.Document.QuerySelector($"a[href='/{code}/staff/reports/{id}']"));
        Assert.Null((await w.OtherStaff.GetPageAsync($"/{code}/staff/reports")).Document.QuerySelector($"a[href='/{code}/staff/reports/{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.OtherStaff.GetAsync($"/{code}/staff/reports/{id}")).StatusCode);

        // Without a public note nothing changes.
        var detail = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{id}");
        var refused = await (await ChangeStatusAsync(w.RoadsStaff, detail, ReportStatus.InProgress, "")).ReadPageAsync();
        Assert.Contains("住民へのお知らせ（公開）を入力してください", refused.Document.QuerySelector("#Change_PublicNote-error")!.TextContent);
        Assert.Single(await MailsToAsync(reporter));

        // 対応中 with a public and an internal note.
        var response = await ChangeStatusAsync(w.RoadsStaff, detail, ReportStatus.InProgress, "現地を確認し、来週補修します。", "業者A社に連絡済み");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var email in new[] { reporter, neighbour })
        {
            var mail = (await MailsToAsync(email)).Last();
            Assert.Contains("対応中", mail.Subject);
            Assert.Contains("現地を確認し、来週補修します。", mail.TextBody);
            Assert.DoesNotContain("業者A社", mail.TextBody);
        }

        // A second member working from the old screen is told, and changes nothing.
        var stale = await (await ChangeStatusAsync(w.RoadsStaff, detail, ReportStatus.Declined, "古い画面から")).ReadPageAsync();
        Assert.Contains("他の職員が先にこの報告を更新しました", stale.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(ReportStatus.InProgress, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        // 完了.
        detail = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(w.RoadsStaff, detail, ReportStatus.Closed, "補修が終わりました。")).StatusCode);
        Assert.Contains("完了", (await MailsToAsync(reporter)).Last().Subject);
        Assert.Contains("直っていない場合は", (await MailsToAsync(reporter)).Last().TextBody);
        Assert.DoesNotContain("直っていない場合は", (await MailsToAsync(neighbour)).Last().TextBody);

        // The public page shows the replies, never the internal note or who reported.
        var publicPage = await app.Browser().GetPageAsync($"/{code}/reports/{id}");
        Assert.Contains("現地を確認し、来週補修します。", publicPage.Text);
        Assert.Contains("補修が終わりました。", publicPage.Text);
        Assert.DoesNotContain("業者A社", publicPage.Body);
        Assert.DoesNotContain(reporter, publicPage.Body);
        Assert.DoesNotContain(neighbour, publicPage.Body);

        // The reporter answers 直っていない from the mail: back to 受付, flagged at the top of the queue.
        var reporterBrowser = app.Browser();
        var link = await LinkInLatestMailAsync(reporter);
        var notFixed = await reporterBrowser.SubmitAsync(link, new Dictionary<string, string> { ["Comment"] = "まだ穴があります" }, "form[aria-labelledby=not-fixed-title]");
        Assert.Equal(HttpStatusCode.Redirect, notFixed.StatusCode);
        var report = await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        Assert.Equal(ReportStatus.Received, report.Status);
        Assert.True(report.NeedsReview);
        Assert.Contains("直っていないとの回答あり", (await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports")).Text);

        // The neighbour's link cannot say 直っていない.
        Assert.Null((await neighbourBrowser.GetPageAsync(await LinkInLatestMailAsync(neighbour))).Document.QuerySelector("form[aria-labelledby=not-fixed-title]"));

        // History: one line per event, in order.
        var kinds = await app.DbAsync(db => db.Set<ReportUpdate>().IgnoreQueryFilters().Where(u => u.ReportId == id).OrderBy(u => u.At).Select(u => u.Kind).ToListAsync());
        Assert.Equal([ReportUpdateKind.Submitted, ReportUpdateKind.StatusChanged, ReportUpdateKind.StatusChanged, ReportUpdateKind.NotFixed], kinds);
    }

    [Fact]
    public async Task Internal_note_and_reassignment_stay_internal()
    {
        var w = await WorldAsync();
        var code = w.Setup.Tenant.Code;
        var id = await ReportAsync(w, $"r-{Guid.NewGuid():N}@example.jp");
        var detail = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{id}");

        var empty = await (await w.RoadsStaff.SubmitAsync(detail, new Dictionary<string, string> { ["Note"] = "" }, "form[aria-labelledby=note-title]")).ReadPageAsync();
        Assert.NotNull(empty.Document.QuerySelector("#Note-error"));

        Assert.Equal(HttpStatusCode.Redirect, (await w.RoadsStaff.SubmitAsync(detail, new Dictionary<string, string> { ["Note"] = "非公開のメモ" }, "form[aria-labelledby=note-title]")).StatusCode);
        detail = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{id}");
        Assert.Contains("非公開のメモ", detail.Text);
        Assert.DoesNotContain("非公開のメモ", (await app.Browser().GetPageAsync($"/{code}/reports/{id}")).Body);

        // Handed to 市民課: 道路課 no longer sees it, 市民課 does.
        Assert.Equal(HttpStatusCode.Redirect, (await w.RoadsStaff.SubmitAsync(detail, new Dictionary<string, string> { ["DepartmentId"] = w.Setup.Tenant.DepartmentId.ToString() }, "form[aria-labelledby=reassign-title]")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RoadsStaff.GetAsync($"/{code}/staff/reports/{id}")).StatusCode);
        Assert.Contains("非公開のメモ", (await w.OtherStaff.GetPageAsync($"/{code}/staff/reports/{id}")).Text);
    }

    [Fact]
    public async Task Merging_a_duplicate_moves_its_followers_to_the_surviving_report()
    {
        var w = await WorldAsync();
        var code = w.Setup.Tenant.Code;
        var first = $"first-{Guid.NewGuid():N}@example.jp";
        var second = $"second-{Guid.NewGuid():N}@example.jp";
        var survivor = await ReportAsync(w, first, "歩道に大きな穴があいている");
        var duplicate = await ReportAsync(w, second, "歩道に穴があいています", ReportScenario.InsideLat + 0.0001);

        var detail = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{duplicate}");
        var candidates = detail.Document.QuerySelector("form[aria-labelledby=duplicates-title]")!;
        Assert.Contains("内容も似ています", candidates.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await w.RoadsStaff.SubmitAsync(detail, new Dictionary<string, string> { ["SurvivorId"] = survivor.ToString() }, "form[aria-labelledby=duplicates-title]")).StatusCode);

        Assert.Equal(ReportStatus.Merged, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == duplicate).Select(r => r.Status).SingleAsync()));
        var followers = await app.DbAsync(db => db.Set<ReportFollower>().IgnoreQueryFilters().Where(f => f.ReportId == survivor).Select(f => f.Email).ToListAsync());
        Assert.Equal(new[] { first, second }.Order(), followers.Order());
        Assert.Contains("統合済み", (await MailsToAsync(second)).Last().Subject);

        // Both reporters now hear of the survivor's progress.
        var survivorPage = await w.RoadsStaff.GetPageAsync($"/{code}/staff/reports/{survivor}");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(w.RoadsStaff, survivorPage, ReportStatus.InProgress, "補修を手配しました。")).StatusCode);
        Assert.Contains("対応中", (await MailsToAsync(first)).Last().Subject);
        Assert.Contains("対応中", (await MailsToAsync(second)).Last().Subject);
        Assert.Contains("まとめた先の報告を見る", (await app.Browser().GetPageAsync($"/{code}/reports/{duplicate}")).Text);
    }
}
