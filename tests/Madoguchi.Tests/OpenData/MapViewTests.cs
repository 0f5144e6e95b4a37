using System.Net;
using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>The map view of a published table with 緯度/経度: a list of points without script, and GeoJSON for the Leaflet map.</summary>
public sealed class MapViewTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task A_published_evacuation_list_has_a_list_of_points_and_GeoJSON()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var code = tenant.Code;
        var dataset = await publisher.CreateDatasetAsync(code, "evacuation-spaces", "指定緊急避難場所一覧", "evacuation_space");
        var csv = ShiftJis.GetBytes(string.Join("\r\n", EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693"),
            EvacuationRow(code, "002", "<b>南小学校</b>", "ミナミショウガッコウ", "38.25", "140.86")) + "\r\n");
        await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", csv);
        await app.IngestedAsync(dataset);
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var resident = app.Browser();
        var mapUrl = $"/{code}/opendata/evacuation-spaces/resources/{resource}/map";
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync(mapUrl)).StatusCode); // not published yet
        await publisher.SubmitAsync($"/{code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");

        var preview = await resident.GetPageAsync($"/{code}/opendata/evacuation-spaces/resources/{resource}");
        Assert.NotNull(preview.Document.QuerySelector($"a[href='{mapUrl}']"));
        var page = await resident.GetPageAsync(mapUrl);
        var rows = page.Document.QuerySelectorAll("table.map-points tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("中央公民館", rows[0]);
        Assert.Contains("38.2682", rows[0]);
        Assert.Contains("140.8693", rows[0]);
        Assert.DoesNotContain("<b>南小学校</b>", page.Body);
        Assert.NotNull(page.Document.QuerySelector("[data-opendata-map][hidden]"));

        var response = await resident.GetAsync($"/{code}/opendata/evacuation-spaces/resources/{resource}/points.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var geo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
        var first = geo.GetProperty("features")[0];
        Assert.Equal(140.8693, first.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(38.2682, first.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble());
        Assert.Equal("中央公民館", first.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("<b>南小学校</b>", geo.GetProperty("features")[1].GetProperty("properties").GetProperty("name").GetString());

        // Another municipality's address for the same resource: nothing.
        var other = await app.TenantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/{other.Code}/opendata/evacuation-spaces/resources/{resource}/points.geojson")).StatusCode);
    }

    [Fact]
    public async Task A_table_without_coordinates_has_no_map()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "nursery", "保育所一覧");
        await publisher.UploadAsync(tenant.Code, dataset, "n.csv", Encoding.UTF8.GetBytes("名称\nひかり保育園\n"), newName: "保育所");
        await app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var preview = await app.Browser().GetPageAsync($"/{tenant.Code}/opendata/nursery/resources/{resource}");
        Assert.DoesNotContain("地図で見る", preview.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/{tenant.Code}/opendata/nursery/resources/{resource}/map")).StatusCode);
    }
}
