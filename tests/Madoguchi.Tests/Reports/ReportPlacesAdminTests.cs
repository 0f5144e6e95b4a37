using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Madoguchi.Platform.Staff;
using Madoguchi.Reports.Geography;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>A tenant admin sets the municipality's area (GeoJSON) and the list of public facilities (form or CSV).</summary>
public sealed class ReportPlacesAdminTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private const string Osaki = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_004":"大崎市"},"geometry":{"type":"Polygon","coordinates":[[[140.9,38.5],[141.0,38.5],[141.0,38.6],[140.9,38.6],[140.9,38.5]]]}},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[140.7,38.7],[140.8,38.7],[140.8,38.8],[140.7,38.7]]]}}]}""";

    [Theory]
    [InlineData("{\"type\":\"Polygon\",", "JSON として読み取れません")]
    [InlineData("""{"type":"Point","coordinates":[140.9,38.5]}""", "「Point」は区域として使えません")]
    [InlineData("""{"type":"Polygon","coordinates":[[[38.5,140.9],[38.5,141.0],[38.6,141.0],[38.5,140.9]]]}""", "緯度と経度が逆のようです")]
    [InlineData("""{"type":"Polygon","coordinates":[[[140.9,38.5],[141.0,38.5],[141.0,38.6],[140.9,38.6]]]}""", "輪郭が閉じていません")]
    [InlineData("""{"type":"Polygon","coordinates":[[[500000,4200000],[500100,4200000],[500100,4200100],[500000,4200000]]]}""", "EPSG:4326")]
    [InlineData("", "GeoJSON を貼り付けるか")]
    public async Task A_bad_area_is_refused_with_a_Japanese_reason_and_nothing_is_stored(string geoJson, string reason)
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var page = await (await admin.SubmitAsync($"/{tenant.Code}/staff/report-area", new Dictionary<string, string> { ["GeoJson"] = geoJson }, "form[aria-labelledby=area-form]")).ReadPageAsync();
        Assert.Contains(reason, page.Document.QuerySelector("#GeoJson-error")!.TextContent);
        Assert.Contains(reason, page.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ReportArea>().IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Admin_uploads_a_feature_collection_then_replaces_and_removes_it()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var url = $"/{tenant.Code}/staff/report-area";

        var uploaded = await PostFileAsync(admin, await admin.GetPageAsync(url), "form[aria-labelledby=area-form]", "Upload", "osaki.geojson", Encoding.UTF8.GetBytes(Osaki));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var shown = await admin.GetPageAsync(url);
        Assert.Contains("区域を保存しました（2個の区域、9点）", shown.Text);
        var area = AreaPolygon.TryParse(await app.DbAsync(db => db.Set<ReportArea>().IgnoreQueryFilters().Where(a => a.TenantId == tenant.Id).Select(a => a.GeoJson).SingleAsync()))!;
        Assert.True(area.Contains(38.55, 140.95));
        Assert.True(area.Contains(38.71, 140.75)); // the second feature counts too

        // A stale page (another admin saved in between) is told, not silently overwritten.
        var stale = shown;
        var pasted = await admin.SubmitAsync(shown, new Dictionary<string, string> { ["GeoJson"] = ReportScenario.AreaGeoJson }, "form[aria-labelledby=area-form]");
        Assert.Equal(HttpStatusCode.Redirect, pasted.StatusCode);
        var conflict = await (await admin.SubmitAsync(stale, new Dictionary<string, string> { ["GeoJson"] = Osaki }, "form[aria-labelledby=area-form]")).ReadPageAsync();
        Assert.Contains("他の職員が先に区域を更新しました", conflict.Document.QuerySelector(".error-summary")!.TextContent);

        var removed = await admin.SubmitAsync(await admin.GetPageAsync(url), new Dictionary<string, string>(), "form[action*=Remove]");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ReportArea>().IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Facilities_load_from_Shift_JIS_CSV_update_by_name_and_a_bad_CSV_stores_nothing()
    {
        var s = await app.ReportingTenantAsync();
        var (_, admin) = await app.TenantAdminAsync(s.Tenant);
        var url = $"/{s.Tenant.Code}/staff/report-facilities";
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var csv = "名称,住所,緯度,経度\r\nテスト市役所,古川七日町1-1,３８．５７７１,140.9557\r\n\"古川駅, 東口\",\"古川駅前大通\",38.5713,140.9670\r\n";
        var loaded = await PostFileAsync(admin, await admin.GetPageAsync(url), "form[action*=Import]", "Csv", "施設.csv", Encoding.GetEncoding(932).GetBytes(csv));
        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);
        Assert.Contains("追加 1 件、更新 1 件", (await admin.GetPageAsync(url)).Text);
        var rows = await app.DbAsync(db => db.Set<PublicFacility>().IgnoreQueryFilters().Where(f => f.TenantId == s.Tenant.Id).OrderBy(f => f.Name).ToListAsync());
        Assert.Equal(["テスト市役所", "古川駅, 東口"], rows.Select(r => r.Name).Order());
        Assert.Equal(38.5771, rows.Single(r => r.Name == "テスト市役所").Latitude);

        // UTF-8 with BOM, one row outside the area and one without coordinates: refused whole, each line named.
        var bad = "\uFEFF名称,住所,緯度,経度\n仙台駅,仙台市,38.2601,140.8824\n新しい公園,,,\n北の公園,古川,38.58,140.95\n";
        var refused = await (await PostFileAsync(admin, await admin.GetPageAsync(url), "form[action*=Import]", "Csv", "bad.csv", Encoding.UTF8.GetBytes(bad))).ReadPageAsync();
        var errors = refused.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("2行目") && e.Contains("区域の外"));
        Assert.Contains(errors, e => e.Contains("3行目") && e.Contains("緯度・経度を数で"));
        Assert.Contains("どの施設も登録していません", refused.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(2, await app.DbAsync(db => db.Set<PublicFacility>().IgnoreQueryFilters().CountAsync(f => f.TenantId == s.Tenant.Id)));

        var noHeader = await (await PostFileAsync(admin, await admin.GetPageAsync(url), "form[action*=Import]", "Csv", "x.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"))).ReadPageAsync();
        Assert.Contains("「名称」「緯度」「経度」の見出し", noHeader.Document.QuerySelector("#Csv-error")!.TextContent);

        // One by one: full-width digits accepted; outside the area and a double name refused at the field.
        var outside = await (await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Name"] = "仙台駅", ["Input.Latitude"] = "38.2601", ["Input.Longitude"] = "140.8824",
        }, "form[aria-labelledby=add-form]")).ReadPageAsync();
        Assert.Contains("市の区域の外", outside.Document.QuerySelector("#Input_Latitude-error")!.TextContent);
        var twice = await (await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Name"] = "テスト市役所", ["Input.Latitude"] = "38.57", ["Input.Longitude"] = "140.95",
        }, "form[aria-labelledby=add-form]")).ReadPageAsync();
        Assert.Contains("同じ名前の施設", twice.Document.QuerySelector("#Input_Name-error")!.TextContent);
        var added = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Name"] = "古川第一小学校", ["Input.Address"] = "古川", ["Input.Latitude"] = "３８．５８", ["Input.Longitude"] = "１４０．９５",
        }, "form[aria-labelledby=add-form]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        // Residents now choose it on the report form.
        var form = await app.Browser().GetPageAsync($"/{s.Tenant.Code}/reports/new/{ReportScenario.Category}");
        Assert.Contains(form.Document.QuerySelectorAll("#Input_FacilityId option"), o => o.TextContent == "古川第一小学校");

        var school = await app.DbAsync(db => db.Set<PublicFacility>().IgnoreQueryFilters().SingleAsync(f => f.TenantId == s.Tenant.Id && f.Name == "古川第一小学校"));
        var removed = await admin.SubmitAsync(await admin.GetPageAsync(url), new Dictionary<string, string> { ["id"] = school.Id.ToString() }, "form[action*=Remove]");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.DbAsync(db => db.Set<PublicFacility>().IgnoreQueryFilters().AnyAsync(f => f.Id == school.Id)));
    }

    [Fact]
    public async Task A_reviewer_cannot_manage_area_or_facilities()
    {
        var tenant = await app.TenantAsync();
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/report-area")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/report-facilities")).StatusCode);
    }

    /// <summary>Posts a page's form as multipart/form-data with one file, the antiforgery token included.</summary>
    internal static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, Page page, string formSelector, string field, string fileName, byte[] bytes)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector(formSelector)!;
        var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        content.Add(new ByteArrayContent(bytes), field, fileName);
        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? page.Url : action, content);
    }
}
