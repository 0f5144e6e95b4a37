using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>A municipality's admin takes the standard categories and adapts routing, radius and availability.</summary>
public sealed class CategoryAdminTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task Admin_adds_the_standard_categories_routed_by_department_name_and_edits_one()
    {
        var tenant = await app.TenantAsync();
        var roads = new Department { TenantId = tenant.Id, Name = "道路課", SortOrder = 5 };
        await app.DbAsync(async db => { db.Add(roads); await db.SaveChangesAsync(); });
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var url = $"/{tenant.Code}/staff/report-categories";

        var added = await admin.SubmitAsync(url, new Dictionary<string, string>(), "form[action*=Standard]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains($"{StandardCategories.All.Length} 件の種類を追加しました。", (await admin.GetPageAsync(url)).Text);
        var routed = await app.DbAsync(db => db.Set<ReportCategory>().IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).ToDictionaryAsync(c => c.Code, c => c.DepartmentId));
        Assert.Equal(roads.Id, routed["road-damage"]);
        Assert.Equal(tenant.DepartmentId, routed["illegal-dumping"]); // no 環境課 here: 市民課

        // Running it again adds nothing.
        await admin.SubmitAsync(url, new Dictionary<string, string>(), "form[action*=Standard]");
        Assert.Equal(StandardCategories.All.Length, await app.DbAsync(db => db.Set<ReportCategory>().IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id)));

        var dumping = await app.DbAsync(db => db.Set<ReportCategory>().IgnoreQueryFilters().SingleAsync(c => c.TenantId == tenant.Id && c.Code == "illegal-dumping"));
        var edit = await admin.GetPageAsync($"{url}?edit={dumping.Id}");
        var bad = await (await admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.DuplicateRadiusMeters"] = "5" }, "form[aria-labelledby=edit]")).ReadPageAsync();
        Assert.Contains("10〜1000m", bad.Document.QuerySelector("#Input_DuplicateRadiusMeters-error")!.TextContent);

        var saved = await admin.SubmitAsync(edit, new Dictionary<string, string>
        {
            ["Input.DuplicateRadiusMeters"] = "120", ["Input.DepartmentId"] = roads.Id.ToString(), ["Input.Active"] = "false",
        }, "form[aria-labelledby=edit]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await app.DbAsync(db => db.Set<ReportCategory>().IgnoreQueryFilters().SingleAsync(c => c.Id == dumping.Id));
        Assert.Equal((120, roads.Id, false), (after.DuplicateRadiusMeters, after.DepartmentId, after.Active));

        // Stopped: residents no longer see it.
        var choices = (await app.Browser().GetPageAsync($"/{tenant.Code}/reports/new")).Document.QuerySelectorAll("ul.choice-list a").Select(a => a.TextContent).ToList();
        Assert.Contains("道路・側溝の損傷", choices);
        Assert.DoesNotContain("不法投棄", choices);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/{tenant.Code}/reports/new/illegal-dumping")).StatusCode);

        // The old screen is outdated now.
        var stale = await (await admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Name"] = "古い画面" }, "form[aria-labelledby=edit]")).ReadPageAsync();
        Assert.Contains("他の職員が先にこの種類を更新しました", stale.Document.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task A_reviewer_cannot_manage_categories()
    {
        var tenant = await app.TenantAsync();
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/report-categories")).StatusCode);
    }
}
