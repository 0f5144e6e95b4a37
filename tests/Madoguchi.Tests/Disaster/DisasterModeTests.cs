using System.Net;
using System.Text;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Disaster;

public sealed class DisasterModeTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task In_disaster_mode_the_front_page_is_the_light_page_with_the_notices_and_the_risai_link()
    {
        var s = await app.DisasterTenantAsync(requireApproval: false);
        await app.SubscribersAsync(s, 1, $"m-{Guid.NewGuid():N}-", "古川");
        var staff = await app.SignInAsync(s.Composer);
        var id = await staff.ComposeAsync(s, "Level4", "大雨による避難指示", ["古川"]);
        var notice = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        await staff.SubmitAsync(notice, new Dictionary<string, string>(), "main form[action*='handler=Send']");

        var resident = app.Browser();
        var before = await resident.GetPageAsync($"/{s.Tenant.Code}");
        Assert.Contains("手続を探す", before.Text);

        var settings = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/settings");
        var response = await staff.SubmitAsync(settings, new Dictionary<string, string>(), "main form[action*='handler=Mode']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var front = await resident.GetAsync($"/{s.Tenant.Code}");
        Assert.Equal(HttpStatusCode.OK, front.StatusCode);
        var bytes = await front.Content.ReadAsByteArrayAsync();
        var html = Encoding.UTF8.GetString(bytes);
        Assert.Contains("発表中の避難情報", html);
        Assert.Contains("大雨による避難指示", html);
        Assert.Contains("警戒レベル4 避難指示", html);
        Assert.Contains($"/{s.Tenant.Code}/procedures/risai-shoumei", html);
        Assert.Contains($"/{s.Tenant.Code}/disaster/subscribe", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(bytes.Length < 30 * 1024, $"the disaster front page is {bytes.Length} bytes");

        // Back to normal.
        settings = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/settings");
        await staff.SubmitAsync(settings, new Dictionary<string, string>(), "main form[action*='handler=Mode']");
        Assert.Contains("手続を探す", (await resident.GetPageAsync($"/{s.Tenant.Code}")).Text);
    }

    [Fact]
    public async Task Only_the_admin_changes_the_department_and_the_approval_rule()
    {
        var s = await app.DisasterTenantAsync();
        var staff = await app.SignInAsync(s.Composer);
        var page = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/settings");
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Settings']"));
        var (_, admin) = await app.TenantAdminAsync(s.Tenant);
        page = await admin.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/settings");
        var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["RequireApproval"] = "false" }, "main form[action*='handler=Settings']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var settings = await app.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Set<Madoguchi.Disaster.DisasterSettings>()), x => x.TenantId == s.Tenant.Id));
        Assert.False(settings.RequireApproval);
    }
}
