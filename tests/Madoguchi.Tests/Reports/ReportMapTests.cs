using System.Net;
using System.Text.Json;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Reports;

/// <summary>The maps' data: public GeoJSON without personal data, the pages that carry the maps, and the tile host in the CSP.</summary>
public sealed class ReportMapTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private async Task<(ReportScenario.Setup Setup, Report Open, Report Closed)> WorldAsync()
    {
        var s = await app.ReportingTenantAsync();
        Report New(ReportStatus status, double lat, string description) => new()
        {
            TenantId = s.Tenant.Id, CategoryId = s.CategoryId, DepartmentId = s.Tenant.DepartmentId, Status = status,
            Description = description, Address = "古川七日町", Latitude = lat, Longitude = ReportScenario.InsideLon,
            ReporterResidentId = Guid.NewGuid(), AnswersJson = """{"danger":"すぐに危ない"}""",
        };
        var open = New(ReportStatus.InProgress, ReportScenario.InsideLat, "穴 <script>alert(1)</script>");
        var closed = New(ReportStatus.Closed, ReportScenario.InsideLat + 0.001, "街灯が消えている");
        var merged = New(ReportStatus.Merged, ReportScenario.InsideLat + 0.002, "統合された報告");
        var unplaced = New(ReportStatus.Received, 0, "場所は住所だけ");
        unplaced.Latitude = null;
        unplaced.Longitude = null;
        await app.DbAsync(async db =>
        {
            db.AddRange(open, closed, merged, unplaced);
            await db.SaveChangesAsync();
            db.Add(new ReportFollower { TenantId = s.Tenant.Id, ReportId = open.Id, Email = "taro@example.jp", IsReporter = true, TokenHash = new string('a', 64) });
            db.Add(new ReportUpdate { TenantId = s.Tenant.Id, ReportId = open.Id, Kind = ReportUpdateKind.StatusChanged, FromStatus = ReportStatus.Received, ToStatus = ReportStatus.InProgress, PublicNote = "明日補修します", InternalNote = "業者A社に依頼済み（内部）", At = DateTime.UtcNow.AddMinutes(-5) });
            db.Add(new ReportUpdate { TenantId = s.Tenant.Id, ReportId = closed.Id, Kind = ReportUpdateKind.StatusChanged, FromStatus = ReportStatus.InProgress, ToStatus = ReportStatus.Closed, PublicNote = "交換しました", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return (s, open, closed);
    }

    [Fact]
    public async Task The_public_GeoJSON_has_status_and_replies_but_no_personal_data()
    {
        var (s, open, closed) = await WorldAsync();
        var response = await app.Browser().GetAsync($"/{s.Tenant.Code}/reports/map.geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        // Merged and unplaced reports are not points.
        Assert.Equal(new[] { open.Id.ToString(), closed.Id.ToString() }.Order(), features.Select(f => f.GetProperty("id").GetString()).Order());
        var first = features.Single(f => f.GetProperty("id").GetString() == open.Id.ToString());
        Assert.Equal([ReportScenario.InsideLon, ReportScenario.InsideLat], first.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var p = first.GetProperty("properties");
        Assert.Equal(("対応中", "InProgress", true, "明日補修します"), (p.GetProperty("status_name").GetString(), p.GetProperty("status").GetString(), p.GetProperty("open").GetBoolean(), p.GetProperty("note").GetString()));
        Assert.Equal($"/{s.Tenant.Code}/reports/{open.Id}", p.GetProperty("url").GetString());
        Assert.Equal(["url", "category", "status", "status_name", "open", "address", "received", "updated", "note"], p.EnumerateObject().Select(x => x.Name));
        foreach (var secret in new[] { "taro@example.jp", "業者A社", open.ReporterResidentId.ToString()!, "すぐに危ない", open.Token })
        {
            Assert.DoesNotContain(secret, body);
        }

        // The list's filters apply.
        using var closedOnly = JsonDocument.Parse(await app.Browser().GetStringAsync($"/{s.Tenant.Code}/reports/map.geojson?status=Closed&category="));
        Assert.Equal(closed.Id.ToString(), Assert.Single(closedOnly.RootElement.GetProperty("features").EnumerateArray()).GetProperty("id").GetString());

        // Another municipality's map has none of them.
        var other = await app.TenantAsync();
        using var empty = JsonDocument.Parse(await app.Browser().GetStringAsync($"/{other.Code}/reports/map.geojson"));
        Assert.Empty(empty.RootElement.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task Pages_carry_hidden_maps_over_their_lists_and_the_CSP_allows_only_the_GSI_tile_host()
    {
        var (s, open, _) = await WorldAsync();
        var response = await app.Browser().GetAsync($"/{s.Tenant.Code}/reports");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://cyberjapandata.gsi.go.jp;", csp);
        Assert.Contains("script-src 'self';", csp);
        var list = await response.ReadPageAsync();
        var map = list.Document.QuerySelector("section[data-report-map=list]")!;
        Assert.True(map.HasAttribute("hidden")); // shown by the script only
        Assert.Equal($"/{s.Tenant.Code}/reports/map.geojson", map.GetAttribute("data-source"));
        var filtered = (await app.Browser().GetPageAsync($"/{s.Tenant.Code}/reports?status=Closed&category=")).Document.QuerySelector("section[data-report-map=list]")!;
        Assert.Equal($"/{s.Tenant.Code}/reports/map.geojson?status=Closed", filtered.GetAttribute("data-source"));
        Assert.Equal("38.55", map.GetAttribute("data-lat"));
        Assert.NotNull(list.Document.QuerySelector("script[src^='/lib/leaflet/leaflet.js']"));
        Assert.NotNull(list.Document.QuerySelector($"table a[href='/{s.Tenant.Code}/reports/{open.Id}']")); // the list stays

        var form = await app.Browser().GetPageAsync($"/{s.Tenant.Code}/reports/new/{ReportScenario.Category}");
        var picker = form.Document.QuerySelector("section[data-report-map=picker]")!;
        Assert.Equal(("Input_Latitude", "Input_Longitude"), (picker.GetAttribute("data-lat-field"), picker.GetAttribute("data-lon-field")));
        Assert.NotNull(form.Document.QuerySelector("#Input_FacilityId"));

        var (_, admin) = await app.TenantAdminAsync(s.Tenant);
        var queue = await admin.GetPageAsync($"/{s.Tenant.Code}/staff/reports");
        using var points = JsonDocument.Parse(queue.Document.QuerySelector("script#triage-map-points")!.TextContent);
        var feature = Assert.Single(points.RootElement.GetProperty("features").EnumerateArray()); // open reports only, with a position
        Assert.Equal($"/{s.Tenant.Code}/staff/reports/{open.Id}", feature.GetProperty("properties").GetProperty("url").GetString());
        Assert.DoesNotContain("<script>alert", queue.Document.QuerySelector("script#triage-map-points")!.TextContent);

        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/lib/leaflet/leaflet.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/lib/leaflet/LICENSE.txt")).StatusCode);
    }
}
