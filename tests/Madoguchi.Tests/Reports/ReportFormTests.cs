using System.Net;
using Madoguchi.Platform.Mail;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>A resident reports through the form without JavaScript, on real HTTP (Kestrel, with its body limits).</summary>
public sealed class ReportFormTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private static string FormUrl(TestData.TenantInfo t) => $"/{t.Code}/reports/new/{ReportScenario.Category}";

    private Task<int> ReportsOf(TestData.TenantInfo t) => app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().CountAsync(r => r.TenantId == t.Id));

    private Task<int> PhotosOf(TestData.TenantInfo t) => app.DbAsync(db => db.Set<ReportPhoto>().IgnoreQueryFilters().CountAsync(r => r.TenantId == t.Id));

    [Fact]
    public async Task Anonymous_resident_reports_by_facility_and_sees_it_in_the_public_list()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var choose = await browser.GetPageAsync($"/{s.Tenant.Code}/reports/new");
        Assert.NotNull(choose.Document.QuerySelector($"a[href='{FormUrl(s.Tenant)}']"));

        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        // Every control has a label (the no-JS, screen-reader path).
        foreach (var control in form.Document.QuerySelectorAll("main form input:not([type=hidden]), main form textarea, main form select"))
        {
            var id = control.GetAttribute("id");
            Assert.True(control.Closest("label") is not null || (id is not null && form.Document.QuerySelector($"label[for='{id}']") is not null), $"unlabelled {control.OuterHtml}");
        }

        var response = await browser.PostMultipartAsync(form, new Dictionary<string, string>
        {
            ["Input.Description"] = "側溝のふたが割れている",
            ["Input.FacilityId"] = s.FacilityId.ToString(),
            ["Answers[danger]"] = "すぐに危ない",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detail = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("報告を受け付けました", detail.Text);
        Assert.Contains("テスト市役所", detail.Text);
        Assert.Contains("受付", detail.Text);

        var report = await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().SingleAsync(r => r.TenantId == s.Tenant.Id));
        Assert.Equal(ReportScenario.InsideLat, report.Latitude);
        Assert.Null(report.ReporterResidentId);
        Assert.Equal(s.Tenant.DepartmentId, report.DepartmentId);

        var list = await browser.GetPageAsync($"/{s.Tenant.Code}/reports");
        Assert.Contains("道路・側溝の損傷", list.Text);
        Assert.Contains("1 件", list.Text);
    }

    [Fact]
    public async Task Missing_location_is_refused_at_the_field_and_in_the_summary()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        var fields = ReportScenario.ValidFields();
        fields["Input.Address"] = "";
        fields["Input.Latitude"] = "";
        fields["Input.Longitude"] = "";
        fields["Answers[danger]"] = "";

        var page = await (await browser.PostMultipartAsync(form, fields)).ReadPageAsync();

        Assert.Contains("場所を教えてください", page.Document.QuerySelector("#Input_Address-error")!.TextContent);
        Assert.Equal("true", page.Document.QuerySelector("#Input_Address")!.GetAttribute("aria-invalid"));
        Assert.Contains("危険の程度", page.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector(".error-summary a[href='#Input_Address']"));
        Assert.Equal(0, await ReportsOf(s.Tenant));
    }

    [Fact]
    public async Task A_place_outside_the_municipality_is_refused()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));

        // 東京駅, full-width digits as a Japanese keyboard may type them.
        var fields = ReportScenario.ValidFields(lat: 35.6812, lon: 139.7671);
        fields["Input.Latitude"] = "３５．６８１２";
        var page = await (await browser.PostMultipartAsync(form, fields)).ReadPageAsync();

        Assert.Contains("区域の外です", page.Document.QuerySelector("#Input_Latitude-error")!.TextContent);
        Assert.Equal(0, await ReportsOf(s.Tenant));

        var notNumber = ReportScenario.ValidFields();
        notNumber["Input.Longitude"] = "東経140度";
        page = await (await browser.PostMultipartAsync(form, notNumber)).ReadPageAsync();
        Assert.Contains("数字で入力してください", page.Document.QuerySelector("#Input_Longitude-error")!.TextContent);
        Assert.Equal(0, await ReportsOf(s.Tenant));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_and_nothing_is_stored()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));

        var response = await browser.PostMultipartAsync(form, ReportScenario.ValidFields(),
            ("pothole.jpg", "<html><script>alert(1)</script></html>"u8.ToArray(), "image/jpeg"));
        var page = await response.ReadPageAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("写真として読み取れません", page.Document.QuerySelector("#Photos-error")!.TextContent);
        Assert.Equal(0, await ReportsOf(s.Tenant));
        Assert.Equal(0, await PhotosOf(s.Tenant));
    }

    [Fact]
    public async Task A_50_MB_photo_gets_a_Japanese_message_not_a_413()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        var jpeg = TestImages.JpegWithGps(38.57, 140.95);
        var big = new byte[50 * 1024 * 1024];
        jpeg.CopyTo(big, 0);

        var response = await browser.PostMultipartAsync(form, ReportScenario.ValidFields(), ("big.jpg", big, "image/jpeg"));
        var page = await response.ReadPageAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("大きすぎます（50 MB）。1枚10 MBまでにしてください。", page.Document.QuerySelector("#Photos-error")!.TextContent);
        Assert.Contains("大きすぎます", page.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(0, await ReportsOf(s.Tenant));
        Assert.Equal(0, await PhotosOf(s.Tenant));
    }

    [Fact]
    public async Task Photo_position_is_offered_as_the_place_and_the_stored_photo_has_no_metadata()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        var fields = ReportScenario.ValidFields();
        fields["Input.Address"] = "";
        fields["Input.Latitude"] = "";
        fields["Input.Longitude"] = "";

        // First send: no place given, the photo knows it; the form comes back with it filled in.
        var offered = await (await browser.PostMultipartAsync(form, fields, ("photo.jpg", TestImages.JpegWithGps(38.5801, 140.9602), "image/jpeg"))).ReadPageAsync();
        Assert.Contains("写真の撮影場所", offered.Document.QuerySelector("p.notice")!.TextContent);
        Assert.Equal("38.580100", offered.Document.QuerySelector("#Input_Latitude")!.GetAttribute("value"));
        Assert.Equal("140.960200", offered.Document.QuerySelector("#Input_Longitude")!.GetAttribute("value"));
        Assert.Contains("1枚", offered.Document.QuerySelector("#Photos-pending")!.TextContent);
        Assert.Equal(0, await ReportsOf(s.Tenant));

        // Second send: the photo is kept without choosing it again.
        var response = await browser.PostMultipartAsync(offered, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detail = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        var src = detail.Document.QuerySelector("ul.photos img")!.GetAttribute("src")!;
        var served = await browser.GetByteArrayAsync(src);

        Assert.True(TestImages.Decodes(served));
        Assert.Equal(-1, served.AsSpan().IndexOf("Exif"u8));
        Assert.Equal(-1, served.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(TestImages.CameraSerial)));
        // The bytes on disk are the served bytes: the original never reached storage.
        var onDisk = Directory.GetFiles(Path.Combine(app.DataDirectory, "report-photos", s.Tenant.Id.ToString()));
        Assert.Equal(served, await File.ReadAllBytesAsync(Assert.Single(onDisk)));

        // Open311 readers get the same photo as media_url (the first photo is kept on the report's row).
        var open311 = System.Text.Json.JsonDocument.Parse(await browser.GetStringAsync($"/{s.Tenant.Code}/open311/v2/requests.json")).RootElement;
        var mediaUrl = Assert.Single(open311.EnumerateArray()).GetProperty("media_url").GetString()!;
        Assert.Equal(served, await browser.GetByteArrayAsync(new Uri(mediaUrl).PathAndQuery));
    }

    [Fact]
    public async Task Script_and_xml_in_text_are_shown_as_text()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        const string evil = "<script>alert('x')</script><?xml version=\"1.0\"?><a>&amp;</a>";
        var fields = ReportScenario.ValidFields(description: evil);
        fields["Input.Address"] = "<img src=x onerror=alert(1)>";

        var response = await browser.PostMultipartAsync(form, fields);
        var detail = await browser.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Empty(detail.Document.QuerySelectorAll("main script, main img[src=x]"));
        Assert.Contains(evil, detail.Document.QuerySelector("main p.quote")!.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", detail.Text);
    }

    [Fact]
    public async Task A_nearby_open_report_of_the_same_kind_is_suggested_before_sending()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var first = await browser.PostMultipartAsync(await browser.GetPageAsync(FormUrl(s.Tenant)), ReportScenario.ValidFields("歩道に大きな穴があいている"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var firstUrl = first.Headers.Location!.OriginalString;

        // About 20 m away, said in other words.
        var form = await browser.GetPageAsync(FormUrl(s.Tenant));
        var suggested = await (await browser.PostMultipartAsync(form, ReportScenario.ValidFields("歩道に穴があいています", ReportScenario.InsideLat + 0.00018))).ReadPageAsync();
        var duplicates = suggested.Document.QuerySelector("[aria-labelledby=duplicates-title]")!;
        Assert.Contains("約20m", duplicates.TextContent);
        Assert.Contains("内容も似ています", duplicates.TextContent);
        Assert.NotNull(duplicates.QuerySelector($"a[href='{firstUrl}']"));
        Assert.Equal(1, await ReportsOf(s.Tenant));

        // It is another problem after all: sending again stores it.
        var second = await browser.PostMultipartAsync(suggested, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(2, await ReportsOf(s.Tenant));
    }

    [Fact]
    public async Task Reporter_email_is_confirmed_from_the_mail_before_updates_are_sent()
    {
        var s = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var email = $"resident-{Guid.NewGuid():N}@example.jp";
        var fields = ReportScenario.ValidFields();
        fields["Input.Email"] = email;
        var response = await browser.PostMultipartAsync(await browser.GetPageAsync(FormUrl(s.Tenant)), fields);
        var detail = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("確認のメール", detail.Text);
        Assert.DoesNotContain(email, detail.Body);

        var mail = await app.DbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.To == email));
        var link = new Uri(mail.TextBody.Split('\n').First(l => l.Contains("/reports/followers/", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var confirm = await browser.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.NotNull(await app.DbAsync(db => db.Set<ReportFollower>().IgnoreQueryFilters().Where(f => f.Email == email).Select(f => f.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task Signed_in_resident_reports_with_the_account_and_its_verified_address()
    {
        var s = await app.ReportingTenantAsync();
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(s.Tenant.Code, "yamada");
        var form = await resident.GetPageAsync(FormUrl(s.Tenant));
        Assert.Contains("としてログインしています", form.Text);

        var response = await resident.PostMultipartAsync(form, ReportScenario.ValidFields());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().SingleAsync(r => r.TenantId == s.Tenant.Id));
        Assert.NotNull(report.ReporterResidentId);
    }

    [Fact]
    public async Task Another_municipalitys_report_and_photos_are_not_found()
    {
        var a = await app.ReportingTenantAsync();
        var b = await app.ReportingTenantAsync();
        var browser = app.KestrelBrowser();
        var response = await browser.PostMultipartAsync(await browser.GetPageAsync(FormUrl(b.Tenant)), ReportScenario.ValidFields("被害市の秘密の穴"),
            ("p.png", TestImages.Png(), "image/png"));
        var bUrl = response.Headers.Location!.OriginalString;
        var bId = bUrl.Split('/').Last();
        var photo = (await browser.GetPageAsync(bUrl)).Document.QuerySelector("ul.photos img")!.GetAttribute("src")!;

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/{a.Tenant.Code}/reports/{bId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(photo.Replace(b.Tenant.Code, a.Tenant.Code, StringComparison.Ordinal))).StatusCode);
        Assert.DoesNotContain("被害市の秘密の穴", (await browser.GetPageAsync($"/{a.Tenant.Code}/reports")).Body);
        // The other municipality's category is not offered here either.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/{a.Tenant.Code}/reports/new/unknown-kind")).StatusCode);
    }
}
