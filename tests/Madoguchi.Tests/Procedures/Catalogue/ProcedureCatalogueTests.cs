using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Catalogue;

public sealed class ProcedureCatalogueTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static ProcedureTemplate Template(string key) => TemplateLibrary.Embedded.Find(key)
        ?? throw new InvalidOperationException($"template {key} is not shipped");

    /// <summary>Enables templates for a municipality the way the staff page does.</summary>
    private async Task EnableAsync(TestData.TenantInfo tenant, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.Equal(TemplateEnabler.Outcome.Enabled, await app.OfferAsync(tenant, key));
        }
    }

    [Fact]
    public async Task Tenant_admin_enables_a_template_with_one_action_and_residents_find_it()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var page = await admin.GetPageAsync($"/{tenant.Code}/staff/procedures");
        var form = $"form:has(input[value='hoiku-riyou-moushikomi'])";
        Assert.NotNull(page.Document.QuerySelector(form));

        // A double click: two posts of the same form.
        var both = await Task.WhenAll(admin.SubmitAsync(page, new Dictionary<string, string>(), form), admin.SubmitAsync(page, new Dictionary<string, string>(), form));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var procedures = await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id).ToListAsync());
        var procedure = Assert.Single(procedures);
        Assert.Equal(ProcedureStatus.Published, procedure.Status);
        Assert.Equal(1, await app.DbAsync(db => db.Set<ProcedureVersion>().IgnoreQueryFilters().CountAsync(v => v.ProcedureId == procedure.Id)));

        var found = await app.Browser().GetPageAsync($"/{tenant.Code}/procedures?q=保育");
        Assert.Contains(Template("hoiku-riyou-moushikomi").Title, found.Text);
    }

    [Fact]
    public async Task Reviewer_cannot_manage_procedures()
    {
        var tenant = await app.TenantAsync();
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var client = await app.SignInAsync(reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/{tenant.Code}/staff/procedures")).StatusCode);
    }

    [Fact]
    public async Task Enabling_with_a_department_of_another_municipality_is_refused_and_changes_nothing()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var response = await admin.SubmitAsync($"/{tenant.Code}/staff/procedures",
            new Dictionary<string, string> { ["departmentId"] = other.DepartmentId.ToString() }, "form:has(input[value='risai-shoumei'])");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("選んだ課が見つかりません。", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().CountAsync(p => p.TenantId == tenant.Id)));
    }

    [Theory]
    [InlineData("保育", "hoiku-riyou-moushikomi")]
    [InlineData("介護", "youkaigo-nintei-shinki")]
    [InlineData("転入", "tenshutsu-tennyu-yoyaku")]
    [InlineData("児童", "jidou-teate-nintei")]
    [InlineData("妊娠", "ninshin-todoke")]
    [InlineData("罹災", "risai-shoumei")]
    public async Task Two_character_Japanese_terms_find_procedures(string term, string expectedKey)
    {
        var tenant = await app.TenantAsync();
        await EnableAsync(tenant, "hoiku-riyou-moushikomi", "youkaigo-nintei-shinki", "tenshutsu-tennyu-yoyaku", "jidou-teate-nintei", "ninshin-todoke", "risai-shoumei");
        var page = await app.Browser().GetPageAsync($"/{tenant.Code}/procedures?q={Uri.EscapeDataString(term)}");
        var links = page.Document.QuerySelectorAll(".procedure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/{tenant.Code}/procedures/{expectedKey}", links);
        Assert.True(links.Count < 6, $"'{term}' matched everything: {string.Join(", ", links)}");
    }

    [Fact]
    public async Task Life_event_filter_and_tenant_isolation()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        await EnableAsync(tenant, "youkaigo-nintei-shinki", "hoiku-riyou-moushikomi");

        var care = await app.Browser().GetPageAsync($"/{tenant.Code}/procedures?event={Uri.EscapeDataString("介護")}");
        var links = care.Document.QuerySelectorAll(".procedure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/{tenant.Code}/procedures/youkaigo-nintei-shinki"], links);

        var elsewhere = await app.Browser().GetPageAsync($"/{other.Code}/procedures?q=介護");
        Assert.Empty(elsewhere.Document.QuerySelectorAll(".procedure-list a"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/{other.Code}/procedures/youkaigo-nintei-shinki")).StatusCode);
    }

    [Fact]
    public async Task Detail_page_tells_department_period_fee_identity_and_attachments()
    {
        var tenant = await app.TenantAsync();
        await EnableAsync(tenant, "jidou-teate-nintei");
        var template = Template("jidou-teate-nintei");
        var page = await app.Browser().GetPageAsync($"/{tenant.Code}/procedures/jidou-teate-nintei");
        Assert.Equal(template.Title, page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains(tenant.DepartmentName, page.Text);
        Assert.Contains("マイナンバーカードによる電子署名が必要です", page.Text);
        Assert.Contains(template.Fee.AmountYen == 0 ? "無料" : "円", page.Text);
        foreach (var attachment in template.Attachments)
        {
            Assert.Contains(attachment.Label, page.Text);
        }
    }

    [Fact]
    public async Task Script_in_the_search_box_is_shown_as_text()
    {
        var tenant = await app.TenantAsync();
        var response = await app.Browser().GetAsync($"/{tenant.Code}/procedures?q={Uri.EscapeDataString("<script>alert(1)</script>")}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", body);
    }
}
