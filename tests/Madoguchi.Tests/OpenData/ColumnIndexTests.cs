using System.Net;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>datastore_search's equality filter through the column value index: built on first use, exact for long values, same answers as the scan.</summary>
public sealed class ColumnIndexTests(ColumnIndexTests.App app) : IClassFixture<ColumnIndexTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => OnKestrel();
    }

    [Fact]
    public async Task A_filter_builds_the_column_index_once_and_answers_exactly_what_the_table_holds()
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var (tenant, _, _, publisher) = await app.PublisherAsync(browser: browser);
        var code = tenant.Code;
        // Two notes that share their first 100 characters: the index keys them alike, the answer must not.
        var common = new string('あ', 100);
        var dataset = await publisher.CreateDatasetAsync(code, "evacuation-spaces", "指定緊急避難場所一覧", "evacuation_space");
        var csv = ShiftJis.GetBytes(string.Join("\r\n", EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693", note: common + "いい"),
            EvacuationRow(code, "002", "南小学校", "ミナミショウガッコウ", "38.25", "140.86", note: common + "うう"),
            EvacuationRow(code, "003", "北公園", "キタコウエン", "38.29", "140.88", flood: ""),
            EvacuationRow(code, "004", "南小学校", "ミナミショウガッコウ", "38.26", "140.87")) + "\r\n");
        await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", csv);
        await app.IngestedAsync(dataset);
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync($"/{code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]")).StatusCode);
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var api = new HttpClient { BaseAddress = app.BaseAddress };

        async Task<int[]> IdsAsync(object filters)
        {
            var url = $"/{code}/api/3/action/datastore_search?resource_id={resource}&filters={Uri.EscapeDataString(JsonSerializer.Serialize(filters))}";
            var result = JsonDocument.Parse(await api.GetStringAsync(url)).RootElement.GetProperty("result");
            var ids = result.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("_id").GetInt32()).ToArray();
            Assert.Equal(ids.Length, result.GetProperty("total").GetInt32());
            return ids;
        }

        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));
        var markers = await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.TenantId == tenant.Id).ToListAsync());
        var marker = Assert.Single(markers);
        Assert.NotNull(marker.ReadyAt);
        Assert.Equal(2, marker.Column);
        Assert.Equal(4, await app.DbAsync(db => db.Set<TableCell>().IgnoreQueryFilters().CountAsync(c => c.UploadId == marker.UploadId && c.Column == 2)));

        // Same answers from the index the second time; no second build.
        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));
        Assert.Empty(await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小" }));
        Assert.Single(await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.TenantId == tenant.Id).ToListAsync()));

        // Long values: keyed by their first 100 characters, answered exactly.
        Assert.Equal(new[] { 1 }, await IdsAsync(new Dictionary<string, string> { ["備考"] = common + "いい" }));
        Assert.Equal(new[] { 2 }, await IdsAsync(new Dictionary<string, string> { ["備考"] = common + "うう" }));
        Assert.Empty(await IdsAsync(new Dictionary<string, string> { ["備考"] = common }));

        // A second filter is checked on the rows the index found; an empty cell is a value too.
        Assert.Equal(new[] { 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校", ["緯度"] = "38.26" }));
        Assert.Equal(new[] { 3 }, await IdsAsync(new Dictionary<string, string> { ["災害種別_洪水"] = "" }));
    }

    [Fact]
    public async Task A_value_shared_by_more_rows_than_a_statement_takes_parameters_is_answered_from_the_index()
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var (tenant, _, _, publisher) = await app.PublisherAsync(browser: browser);
        var code = tenant.Code;
        var dataset = await publisher.CreateDatasetAsync(code, "many-rows", "同じ区分の多い表");
        var csv = new System.Text.StringBuilder("名称,区分\n");
        for (var i = 0; i < 40_000; i++)
        {
            csv.Append("施設").Append(i).Append(i == 7 ? ",別\n" : ",同じ\n");
        }

        await publisher.UploadAsync(code, dataset, "many.csv", System.Text.Encoding.UTF8.GetBytes(csv.ToString()), newName: "表");
        await app.IngestedAsync(dataset);
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync($"/{code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]")).StatusCode);
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var api = new HttpClient { BaseAddress = app.BaseAddress };
        var url = $"/{code}/api/3/action/datastore_search?resource_id={resource}&limit=3&filters={Uri.EscapeDataString("{\"区分\":\"同じ\"}")}";
        var result = JsonDocument.Parse(await api.GetStringAsync(url)).RootElement.GetProperty("result");
        Assert.Equal(39_999, result.GetProperty("total").GetInt32());
        Assert.Equal(new[] { 1, 2, 3 }, result.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("_id").GetInt32()).ToArray());
        var upload = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.Id == resource).Select(r => r.PublishedUploadId).SingleAsync());
        Assert.NotNull((await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().SingleAsync(m => m.UploadId == upload && m.Column == 1))).ReadyAt);
    }
}
