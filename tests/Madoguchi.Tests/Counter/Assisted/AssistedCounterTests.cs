using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Audit;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter.Assisted;

/// <summary>書かない窓口 through HTTP, as counter staff use it without JavaScript.</summary>
public sealed class AssistedCounterTests(CounterApp app) : IClassFixture<CounterApp>
{
    private async Task<(TestData.TenantInfo Tenant, TestData.StaffInfo Staff, HttpClient Client)> CounterAsync(params string[] procedures)
    {
        var tenant = await app.TenantAsync();
        foreach (var key in procedures.DefaultIfEmpty(CounterScenario.MovingOut))
        {
            await app.OfferAsync(tenant, key);
        }

        var (staff, client) = await app.CounterStaffAsync(tenant);
        return (tenant, staff, client);
    }

    private Task<List<Application>> ApplicationsAsync(TestData.TenantInfo tenant) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.TenantId == tenant.Id).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Card_json_prefills_the_moving_out_form_and_the_application_arrives_in_the_queue_once_after_the_visitor_confirms()
    {
        var (tenant, staff, client) = await CounterAsync();
        var identified = await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard());
        Assert.Contains("青葉　太郎", identified.Text);
        Assert.Contains("昭和60年4月12日", identified.Text);
        // The register found his household; staff keep only his wife as moving with him.
        var household = identified.Document.QuerySelectorAll("input[name=Household]");
        Assert.Equal(3, household.Length);
        foreach (var child in household.Skip(1))
        {
            child.RemoveAttribute("checked");
        }

        var visit = await client.StartVisitAsync(identified, await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));

        // Everything known is already in the form: address, and the people moving with their フリガナ from the register.
        var first = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}/forms/0/pages/0");
        Assert.Equal("宮城県塩竈市旭町1丁目1番1号", first.Document.QuerySelector("input[name='/currentAddress']")!.GetAttribute("value"));
        Assert.Equal("青葉　太郎", first.Document.QuerySelector("input[name='/movers/0/name']")!.GetAttribute("value"));
        Assert.Equal("アオバ　タロウ", first.Document.QuerySelector("input[name='/movers/0/nameKana']")!.GetAttribute("value"));
        Assert.Equal("本人", first.Document.QuerySelector("input[name='/movers/0/relationship']")!.GetAttribute("value"));
        Assert.Equal("青葉　花子", first.Document.QuerySelector("input[name='/movers/1/name']")!.GetAttribute("value"));
        Assert.Null(first.Document.QuerySelector("input[name='/movers/2/name']"));

        await client.FillMovingOutAsync(tenant.Code, visit, 0);

        // Not before the visitor confirmed: the submit is refused and nothing reaches the queue.
        var early = await client.SubmitVisitAsync(tenant.Code, visit);
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("来庁者の確認がまだです", (await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}")).Text);
        Assert.All(await ApplicationsAsync(tenant), a => Assert.Equal(ApplicationStatus.Draft, a.Status));

        // The large-text screen reads everything back; the visitor confirms.
        var screen = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}/confirm");
        Assert.Contains("宮城県仙台市青葉区上杉1丁目1番1号", screen.Text);
        Assert.Contains("令和9年3月20日", screen.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await client.VisitorConfirmsAsync(tenant.Code, visit)).StatusCode);
        var confirmed = await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().SingleAsync(v => v.Id == visit));
        Assert.Equal(VisitStatus.Confirmed, confirmed.Status);
        Assert.Equal(staff.Id, confirmed.ConfirmedBy);
        Assert.NotNull(confirmed.ConfirmedAt);

        // A double click of 「申請を登録する」: one application, one number.
        var page = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}");
        var posts = await Task.WhenAll(client.SubmitVisitAsync(tenant.Code, visit, page), client.SubmitVisitAsync(tenant.Code, visit, page));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        var application = Assert.Single(await ApplicationsAsync(tenant));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(ApplicationChannel.Counter, application.Channel);
        Assert.Null(application.ResidentId);
        Assert.Matches(@"^\d{4}-0000001$", application.ReceiptNumber);
        var submitted = await app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters().Where(e => e.ApplicationId == application.Id).ToListAsync());
        var step = Assert.Single(submitted);
        Assert.Equal((ApplicationEventKind.Submitted, EventActor.Staff, staff.Id), (step.Kind, step.Actor, step.ActorId));
        var after = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}");
        Assert.Contains(application.ReceiptNumber!, after.Text);
        Assert.Null(after.Document.QuerySelector("main form[action*='handler=Submit']"));

        // The same queue as online applications, marked 窓口, and in the CSV export.
        var queue = await client.GetPageAsync($"/{tenant.Code}/staff/applications");
        var row = queue.Document.QuerySelectorAll("tbody tr").Single();
        Assert.Contains(application.ReceiptNumber!, row.TextContent);
        Assert.Contains("窓口", row.TextContent);
        var detail = await client.GetPageAsync($"/{tenant.Code}/staff/applications/{application.Id}");
        Assert.Contains("窓口", detail.Document.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("テスト 職員", detail.Text); // the assisting member of staff in the history

        var version = await app.DbAsync(db => db.Set<Madoguchi.Procedures.Catalogue.Procedure>().IgnoreQueryFilters()
            .Where(p => p.Id == application.ProcedureId).Select(p => p.PublishedVersion).SingleAsync());
        var export = await client.SubmitAsync($"/{tenant.Code}/staff/applications/export",
            new Dictionary<string, string> { ["Input.Version"] = $"{application.ProcedureId}:{version}", ["Input.Encoding"] = "Utf8Bom" });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = Madoguchi.Tests.Procedures.Exports.Csv.Parse(System.Text.Encoding.UTF8.GetString((await export.Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(application.ReceiptNumber, rows[1][0]);
        Assert.Equal("窓口", rows[1][rows[0].IndexOf("受付経路")]);

        // Every step is in the audit trail.
        var audited = await app.DbAsync(db => db.AuditEntries.Where(a => a.ChainId == tenant.Id).Select(a => a.EntityType).ToListAsync());
        Assert.Contains(audited, t => t.Contains("CounterVisit", StringComparison.Ordinal));
        Assert.Contains(audited, t => t.Contains("VisitProcedure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_procedures_of_a_life_event_from_the_register_with_the_data_entered_once()
    {
        var (tenant, _, client) = await CounterAsync(CounterScenario.MovingOut, CounterScenario.ChildAllowance);
        var start = await client.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        var found = await client.SubmitAsync(start, new Dictionary<string, string> { ["RegisterName"] = "青葉 太郎", ["RegisterBirthDate"] = "1985-04-12" },
            "main form[action*='handler=Register']");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var identified = new Page($"/{tenant.Code}/staff/counter/assisted", Html.Parse(await found.Content.ReadAsStringAsync()), "");
        Assert.Contains("住民記録", identified.Text);
        var visit = await client.StartVisitAsync(identified,
            await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut), await app.ProcedureIdAsync(tenant, CounterScenario.ChildAllowance));

        // The phone is asked once, in the first form.
        await client.FillMovingOutAsync(tenant.Code, visit, 0, phone: "022-364-5555");

        var allowance = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}/forms/1/pages/0");
        string? Value(string name) => allowance.Document.QuerySelector($"[name='{name}']")?.GetAttribute("value");
        Assert.Equal("青葉　太郎", Value("/claimant/name"));
        Assert.Equal("アオバ　タロウ", Value("/claimant/nameKana"));
        Assert.Equal("985-0111", Value("/claimant/postalCode"));
        Assert.Equal("022-364-5555", Value("/claimant/phone"));
        Assert.NotNull(allowance.Document.QuerySelector("input[name='/claimant/gender'][value='男'][checked]"));
        var children = await app.DbAsync(async db =>
        {
            var links = await db.Set<VisitProcedure>().IgnoreQueryFilters().Where(p => p.VisitId == visit).OrderBy(p => p.Position).ToListAsync();
            var data = await db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == links[1].ApplicationId).Select(a => a.Data).SingleAsync();
            return JsonNode.Parse(data)!["children"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        });
        Assert.Equal(["青葉　陽翔", "青葉　結菜"], children);

        // Two counter drafts, one per procedure, none of them submitted yet; nothing of the register stored elsewhere.
        var applications = await ApplicationsAsync(tenant);
        Assert.Equal(2, applications.Count);
        Assert.All(applications, a => Assert.Equal((ApplicationChannel.Counter, ApplicationStatus.Draft), (a.Channel, a.Status)));
    }

    [Theory]
    [InlineData("{ not json", "JSONの形式ではありません")]
    [InlineData("""{"address":"宮城県塩竈市旭町1丁目1番1号","birthDate":"1985-04-12","gender":"男"}""", "氏名がありません")]
    [InlineData("""{"name":"青葉　太郎","address":"宮城県塩竈市旭町1丁目1番1号","birthDate":"1985-13-40","gender":"男"}""", "生年月日が正しくありません")]
    [InlineData("""{"name":"青葉　太郎","address":"宮城県塩竈市旭町1丁目1番1号","birthDate":"1985-04-12","gender":"男","myNumber":"123456789012"}""", "個人番号が正しくありません")]
    [InlineData("""{"name":"青葉　太郎","address":"宮城県塩竈市旭町1丁目1番1号","birthDate":"1985-04-12","gender":"男","validUntil":"2020-01-01"}""", "有効期限が切れています")]
    [InlineData("""[1,2,3]""", "JSONの形式ではありません")]
    public async Task Bad_card_json_is_refused_in_Japanese_and_changes_nothing(string json, string message)
    {
        var (tenant, _, client) = await CounterAsync();
        var start = await client.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        var response = await client.SubmitAsync(start, new Dictionary<string, string> { ["CardData"] = json }, "main form[action*='handler=Card']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains(message, page.QuerySelector("#CardData-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#CardData")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("main form[action*='handler=Start']"));
        Assert.Equal(0, await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().CountAsync(v => v.TenantId == tenant.Id)));
        Assert.Empty(await ApplicationsAsync(tenant));
    }

    [Fact]
    public async Task A_double_click_on_start_starts_one_visit_with_one_draft_per_procedure()
    {
        var (tenant, _, client) = await CounterAsync(CounterScenario.MovingOut, CounterScenario.ChildAllowance);
        var identified = await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard());
        var procedures = new[] { await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut), await app.ProcedureIdAsync(tenant, CounterScenario.ChildAllowance) };
        var posts = await Task.WhenAll(client.PostStartAsync(identified, procedures), client.PostStartAsync(identified, procedures));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(posts[0].Headers.Location, posts[1].Headers.Location);
        Assert.Equal(1, await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().CountAsync(v => v.TenantId == tenant.Id)));
        Assert.Equal(2, (await ApplicationsAsync(tenant)).Count);

        // Nothing ticked: a message at the list, nothing started.
        var again = await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard());
        var none = await client.PostStartAsync(again);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("手続を1つ以上選んでください。", await none.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().CountAsync(v => v.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task A_change_after_the_visitor_confirmed_needs_a_new_confirmation()
    {
        var (tenant, _, client) = await CounterAsync();
        var visit = await client.StartVisitAsync(await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard()),
            await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));
        await client.FillMovingOutAsync(tenant.Code, visit, 0);
        Assert.Equal(HttpStatusCode.Redirect, (await client.VisitorConfirmsAsync(tenant.Code, visit)).StatusCode);

        // Staff correct the new address after the confirmation.
        var changed = await client.NextAsync($"/{tenant.Code}/staff/counter/visits/{visit}/forms/0/pages/0",
            new Dictionary<string, string> { ["/newAddress"] = "宮城県仙台市宮城野区榴岡1丁目1番1号" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(VisitStatus.Interviewing, await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().Where(v => v.Id == visit).Select(v => v.Status).SingleAsync()));
        await client.SubmitVisitAsync(tenant.Code, visit);
        Assert.All(await ApplicationsAsync(tenant), a => Assert.Equal(ApplicationStatus.Draft, a.Status));

        // A confirmation screen shown before the change cannot confirm what the visitor never saw.
        var stale = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}/confirm");
        await client.NextAsync($"/{tenant.Code}/staff/counter/visits/{visit}/forms/0/pages/0",
            new Dictionary<string, string> { ["/newAddress"] = "宮城県仙台市若林区荒井1丁目1番1号" });
        var refused = await client.SubmitAsync(stale, new Dictionary<string, string>(), "main form.visitor-confirm");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("内容が変わりました", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await client.VisitorConfirmsAsync(tenant.Code, visit)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitVisitAsync(tenant.Code, visit)).StatusCode);
        var application = Assert.Single(await ApplicationsAsync(tenant));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Contains("若林区", JsonNode.Parse(application.Data)!["newAddress"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_departments_or_municipalitys_staff_cannot_reach_a_visit()
    {
        var (tenant, _, client) = await CounterAsync();
        var visit = await client.StartVisitAsync(await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard()),
            await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));
        string[] pages = [$"/visits/{visit}", $"/visits/{visit}/forms/0/pages/0", $"/visits/{visit}/confirm", $"/visits/{visit}/sheet"];

        // Same municipality, another department: not found, and its submit changes nothing.
        var other = await app.DepartmentAsync(tenant, "税務課");
        var (_, taxes) = await app.CounterStaffAsync(tenant, other);
        foreach (var path in pages)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await taxes.GetAsync($"/{tenant.Code}/staff/counter{path}")).StatusCode);
        }

        var own = await taxes.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        Assert.DoesNotContain("青葉", own.Text);
        var post = await taxes.PostAsync($"/{tenant.Code}/staff/counter/visits/{visit}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = CounterScenario.Token(own) }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        // Nor does the other department see the procedure to choose it.
        var choices = await taxes.SubmitAsync(own, new Dictionary<string, string> { ["CardData"] = CounterScenario.AobaCard() }, "main form[action*='handler=Card']");
        Assert.DoesNotContain("転出届", await choices.Content.ReadAsStringAsync());

        // Another municipality's staff: not through its own address, not through this one.
        var elsewhere = await app.TenantAsync();
        var (_, stranger) = await app.CounterStaffAsync(elsewhere);
        foreach (var path in pages)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{elsewhere.Code}/staff/counter{path}")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync($"/{tenant.Code}/staff/counter{path}")).StatusCode);
        }

        Assert.All(await ApplicationsAsync(tenant), a => Assert.Equal(ApplicationStatus.Draft, a.Status));
    }

    [Fact]
    public async Task The_printed_confirmation_sheet_is_a_pdf_of_the_visit()
    {
        var (tenant, _, client) = await CounterAsync();
        var visit = await client.StartVisitAsync(await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard()),
            await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));
        var response = await client.GetAsync($"/{tenant.Code}/staff/counter/visits/{visit}/sheet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        var text = System.Text.RegularExpressions.Regex.Replace(Madoguchi.Tests.Procedures.Notices.PdfText.Of(bytes), @"\s+", "");
        Assert.Contains("申請内容の確認票", text);
        Assert.Contains("青葉太郎様", text);
        Assert.Contains("転出届", text);
        Assert.Contains("転入予約", text);
        Assert.Contains("宮城県塩竈市旭町1丁目1番1号", text);
    }

    [Fact]
    public async Task A_typed_visitor_and_a_staff_member_without_a_department_role()
    {
        var (tenant, _, client) = await CounterAsync();
        var start = await client.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        var bad = await client.SubmitAsync(start, new Dictionary<string, string> { ["TypedName"] = "", ["TypedBirthDate"] = "昭和", ["TypedAddress"] = "" },
            "main form[action*='handler=Typed']");
        var badPage = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("氏名を入力してください。", badPage.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("生年月日は 1985-04-12 のように入力してください。", badPage.QuerySelector(".error-summary")!.TextContent);

        var typed = await client.SubmitAsync(start, new Dictionary<string, string>
        {
            ["TypedName"] = "泉　翔太", ["TypedKana"] = "イズミ　ショウタ", ["TypedBirthDate"] = "1998-01-25", ["TypedAddress"] = "宮城県塩竈市玉川4丁目4番4号",
            ["TypedPhone"] = "090-1234-5678",
        }, "main form[action*='handler=Typed']");
        var page = new Page(start.Url, Html.Parse(await typed.Content.ReadAsStringAsync()), "");
        Assert.Contains("手入力", page.Text);
        var visit = await client.StartVisitAsync(page, await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));
        var form = await client.GetPageAsync($"/{tenant.Code}/staff/counter/visits/{visit}/forms/0/pages/0");
        Assert.Equal("090-1234-5678", form.Document.QuerySelector("input[name='/contact/phone']")!.GetAttribute("value"));

        // A member of staff with no department role has no counter.
        var nobody = await app.StaffAsync(tenant);
        var noRole = await app.SignInAsync(nobody);
        Assert.Equal(HttpStatusCode.Forbidden, (await noRole.GetAsync($"/{tenant.Code}/staff/counter/assisted")).StatusCode);
    }
}
