using System.Net;
using System.Text.Json;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>Anyone may report without an account, so posts per client address are limited; reading stays free.</summary>
public sealed class ReportRateLimitTests(ReportRateLimitTests.LimitedApp app) : IClassFixture<ReportRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : MadoguchiApp
    {
        public LimitedApp()
        {
            With("Reports:FormPostsPerHour", "2");
            With("Reports:Open311PostsPerHour", "1");
        }
    }

    [Fact]
    public async Task The_third_report_in_an_hour_from_one_address_is_refused_in_Japanese_and_not_stored()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.Browser();
        var url = $"/{s.Tenant.Code}/reports/new/{ReportScenario.Category}";
        for (var i = 0; i < 2; i++)
        {
            var form = await browser.GetPageAsync(url);
            // Far apart and worded differently, so that no duplicate question stands in between.
            var fields = ReportScenario.ValidFields(i == 0 ? "歩道に大きな穴があいている" : "街灯の柱が傾いて倒れそう", lat: 38.51 + (i * 0.05));
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostMultipartAsync(form, fields)).StatusCode);
        }

        var third = await browser.GetPageAsync(url);
        var refused = await browser.PostMultipartAsync(third, ReportScenario.ValidFields("ガードレールがへこんでいる", lat: 38.59));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().CountAsync(r => r.TenantId == s.Tenant.Id)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{s.Tenant.Code}/reports")).StatusCode);
    }

    [Fact]
    public async Task Open311_posts_over_the_limit_get_the_specs_error_format()
    {
        var s = await app.ReportingTenantAsync();
        var key = Open311Client.NewKey();
        await app.DbAsync(async db =>
        {
            db.Add(new Open311Client { TenantId = s.Tenant.Id, Name = "まちレポ", TokenHash = Open311Client.Hash(key) });
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();
        Dictionary<string, string> Fields(string description) => new()
        {
            ["api_key"] = key, ["service_code"] = ReportScenario.Category, ["lat"] = "38.577", ["long"] = "140.9556",
            ["description"] = description, ["attribute[danger]"] = "注意が必要",
        };
        var url = $"/{s.Tenant.Code}/open311/v2/requests.json";

        Assert.True((await client.PostAsync(url, new FormUrlEncodedContent(Fields("一件目")))).IsSuccessStatusCode);
        var refused = await client.PostAsync(url, new FormUrlEncodedContent(Fields("二件目")));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single();
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal(1, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().CountAsync(r => r.TenantId == s.Tenant.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{s.Tenant.Code}/open311/v2/requests.json")).StatusCode);
    }
}
