using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Madoguchi.Platform.Mail;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>The "done when" on the demo data of 大崎市 (042153), over HTTP without JavaScript.</summary>
public sealed class ReportsDemoTests(ReportsDemoTests.DemoApp app) : IClassFixture<ReportsDemoTests.DemoApp>
{
    public sealed class DemoApp : MadoguchiApp
    {
        public DemoApp() => With("Platform:Demo", "true");
    }

    private const string Osaki = "042153";

    private async Task<HttpClient> RoadsStaffAsync()
    {
        await app.CreateClient().GetAsync("/health/ready");
        var (email, password) = FirstLogins.Of(app.DataDirectory, "doro@osaki.example.jp");
        return await app.SignInAsync(new TestData.StaffInfo(Guid.Empty, email, password));
    }

    [Fact]
    public async Task Every_demo_municipality_takes_the_standard_categories_routed_to_a_department()
    {
        await app.CreateClient().GetAsync("/health/ready");
        var routed = await app.DbAsync(db => db.Set<ReportCategory>().IgnoreQueryFilters()
            .Select(c => new { c.TenantId, c.Code, Department = db.Departments.IgnoreQueryFilters().Where(d => d.Id == c.DepartmentId).Select(d => d.Name).First() })
            .ToListAsync());
        Assert.Equal(5 * StandardCategories.All.Length, routed.Count);
        var osakiId = await app.DbAsync(db => db.Tenants.Where(t => t.Code == Osaki).Select(t => t.Id).SingleAsync());
        Assert.Equal("道路課", routed.Single(r => r.TenantId == osakiId && r.Code == "road-damage").Department);
    }

    [Fact]
    public async Task Pothole_at_Osaki_from_report_to_done_with_mails_public_list_and_Open311()
    {
        var roads = await RoadsStaffAsync();
        var resident = app.Browser();
        var email = $"osaki-{Guid.NewGuid():N}@example.jp";

        // Someone reported a pothole at the city hall earlier.
        var form = await resident.GetPageAsync($"/{Osaki}/reports/new/road-damage");
        var hall = form.Document.QuerySelectorAll("#Input_FacilityId option").Single(o => o.TextContent == "大崎市役所").GetAttribute("value")!;
        var earlier = await resident.PostMultipartAsync(form, new Dictionary<string, string>
        {
            ["Input.Description"] = "市役所前の車道に大きな穴", ["Input.FacilityId"] = hall, ["Answers[danger]"] = "すぐに危ない",
        });
        Assert.Equal(HttpStatusCode.Redirect, earlier.StatusCode);

        // The resident reports with a photo, is shown that report, and sends anyway.
        form = await resident.GetPageAsync($"/{Osaki}/reports/new/road-damage");
        var fields = new Dictionary<string, string>
        {
            ["Input.Description"] = "市役所前の車道に穴があいている", ["Input.FacilityId"] = hall, ["Answers[danger]"] = "注意が必要", ["Input.Email"] = email,
        };
        var suggested = await (await resident.PostMultipartAsync(form, fields, ("pothole.jpg", TestImages.JpegWithGps(38.5771, 140.9557), "image/jpeg"))).ReadPageAsync();
        Assert.Contains("近くに同じ種類の報告があります", suggested.Text);
        var sent = await resident.PostMultipartAsync(suggested, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var reportUrl = sent.Headers.Location!.OriginalString;
        var id = reportUrl.Split('/').Last();
        var confirmLink = new Uri((await app.DbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.To == email))).TextBody.Split('\n').First(l => l.Contains("/followers/", StringComparison.Ordinal)).Trim()).PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await resident.SubmitAsync(confirmLink, new Dictionary<string, string>())).StatusCode);

        // 道路課 sets it 対応中, then 完了, each with a note.
        foreach (var (status, note) in new[] { (ReportStatus.InProgress, "現地を確認しました。補修を手配します。"), (ReportStatus.Closed, "穴をふさぎました。") })
        {
            var detail = await roads.GetPageAsync($"/{Osaki}/staff/reports/{id}");
            var changed = await roads.SubmitAsync(detail, new Dictionary<string, string> { ["Change.Status"] = status.ToString(), ["Change.PublicNote"] = note }, "form[aria-labelledby=status-title]");
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var mails = await app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderBy(m => m.CreatedAt).Select(m => m.Subject).ToListAsync());
        Assert.Equal(3, mails.Count);
        Assert.Contains("対応中", mails[1]);
        Assert.Contains("完了", mails[2]);

        var publicPage = await app.CreateClient().GetPageAsync(reportUrl);
        Assert.Contains("穴をふさぎました。", publicPage.Text);
        Assert.Contains("完了", (await app.CreateClient().GetPageAsync($"/{Osaki}/reports?status=Closed")).Text);

        // An Open311 client reads the services and the request's status in both formats.
        var services = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/{Osaki}/open311/v2/services.json")).RootElement;
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "road-damage");
        var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/{Osaki}/open311/v2/requests/{id}.json")).RootElement[0];
        Assert.Equal("closed", json.GetProperty("status").GetString());
        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync($"/{Osaki}/open311/v2/requests/{id}.xml")).Root!;
        Assert.Equal("穴をふさぎました。", xml.Element("request")!.Element("status_notes")!.Value);
        Assert.NotEqual(JsonValueKind.Null, json.GetProperty("media_url").ValueKind);
    }
}
