using System.Net;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Platform.Staff;

public sealed class PlatformAdminTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private async Task<HttpClient> PlatformAdminAsync()
    {
        var admin = await app.StaffAsync(null);
        return await app.SignInAsync(admin, await app.EnableTotpAsync(admin));
    }

    [Fact]
    public async Task Platform_admin_adds_a_municipality_which_is_then_served()
    {
        var client = await PlatformAdminAsync();
        var code = TestData.NewMunicipalityCode();
        var added = await client.SubmitAsync("/admin", new Dictionary<string, string>
        {
            ["NewTenant.Code"] = code, ["NewTenant.Name"] = "新設町", ["NewTenant.NameEn"] = "Shinsetsu Town", ["NewTenant.Prefecture"] = "宮城県",
        }, "form[action*=AddTenant]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var home = await app.Browser().GetPageAsync($"/{code}/");
        Assert.Contains("新設町のデジタル窓口", home.Text);
    }

    [Theory]
    [InlineData("042031", "全国地方公共団体コードの検査数字が正しくありません。")]
    [InlineData("04203", "全国地方公共団体コードは6桁の数字で入力してください。")]
    [InlineData("", "全国地方公共団体コードを入力してください。")]
    public async Task A_bad_municipality_code_is_refused_at_the_field_and_nothing_is_saved(string code, string message)
    {
        var client = await PlatformAdminAsync();
        var before = await app.DbAsync(db => db.Tenants.CountAsync());
        var response = await client.SubmitAsync("/admin", new Dictionary<string, string>
        {
            ["NewTenant.Code"] = code, ["NewTenant.Name"] = "誤入力市", ["NewTenant.NameEn"] = "Typo City", ["NewTenant.Prefecture"] = "宮城県",
        }, "form[action*=AddTenant]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector("#NewTenant_Code-error")!.TextContent);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#NewTenant_Code']"));
        Assert.Equal(before, await app.DbAsync(db => db.Tenants.CountAsync()));
    }

    [Fact]
    public async Task Tenant_admin_cannot_open_the_platform_page()
    {
        var tenant = await app.TenantAsync();
        var (_, client) = await app.TenantAdminAsync(tenant);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin")).StatusCode);
    }
}

public sealed class ServerErrorPageTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task An_unexpected_failure_shows_the_Japanese_500_page_without_a_stack_trace()
    {
        var tenant = await app.TenantAsync();
        // A fault on the tenant's routes only, so that the error page itself can still render.
        var broken = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped(sp =>
            sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext?.Request.Path.StartsWithSegments($"/{tenant.Code}") == true
                ? throw new InvalidOperationException("simulated outage of the tenant directory")
                : new TenantContext())));
        var response = await broken.CreateClient().GetAsync($"/{tenant.Code}/");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("システムエラーが発生しました", body);
        Assert.DoesNotContain("simulated outage", body);
        Assert.DoesNotContain("   at ", body);
    }
}
