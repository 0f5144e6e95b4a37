using System.Net;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Platform;

public sealed class TenancyTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Theory]
    [InlineData("042030", true)]   // 塩竈市
    [InlineData("042153", true)]   // 大崎市
    [InlineData("042137", true)]   // 栗原市
    [InlineData("042021", true)]   // 石巻市
    [InlineData("222232", true)]   // 御前崎市
    [InlineData("131016", true)]   // 千代田区
    [InlineData("042031", false)]  // wrong check digit
    [InlineData("04203", false)]
    [InlineData("0420300", false)]
    [InlineData("04203a", false)]
    [InlineData("", false)]
    public void Municipality_code_check_digit_is_validated(string code, bool valid) =>
        Assert.Equal(valid, MunicipalityCode.IsValid(code));

    [Fact]
    public async Task Landing_page_lists_the_municipalities()
    {
        var a = await app.TenantAsync("テスト甲市");
        var b = await app.TenantAsync("テスト乙市");
        var page = await app.Browser().GetPageAsync("/");
        Assert.Contains("テスト甲市", page.Text);
        Assert.Contains("テスト乙市", page.Text);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/{a.Code}/']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/{b.Code}/']"));
    }

    [Fact]
    public async Task Tenant_home_shows_its_name_and_departments()
    {
        var t = await app.TenantAsync("テスト丙市");
        var page = await app.Browser().GetPageAsync($"/{t.Code}/");
        Assert.Contains("テスト丙市のデジタル窓口", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("市民課", page.Text);
    }

    [Theory]
    [InlineData("/042031/")]        // malformed: bad check digit
    [InlineData("/12345/")]         // malformed: five digits
    [InlineData("/abcdef/")]
    [InlineData("/131016/")]        // well-formed but not served here
    public async Task Unknown_or_malformed_code_gets_the_Japanese_404_page(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ページが見つかりません", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Host_name_mapping_serves_the_tenant_at_the_root()
    {
        var t = await app.TenantAsync("テスト丁市");
        await app.DbAsync(async db =>
        {
            var tenant = await db.Tenants.FindAsync(t.Id);
            tenant!.HostName = $"madoguchi.{t.Code}.example.jp";
            await db.SaveChangesAsync();
        });
        await app.ScopeAsync(sp => { sp.GetRequiredService<TenantDirectory>().Invalidate(); return Task.FromResult(0); });

        var client = app.Browser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = $"madoguchi.{t.Code}.example.jp";
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("テスト丁市のデジタル窓口", await response.Content.ReadAsStringAsync());
    }
}
