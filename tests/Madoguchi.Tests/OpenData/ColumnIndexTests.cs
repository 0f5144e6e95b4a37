using System.Net;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Madoguchi.OpenData.Public;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>datastore_search's equality filter through the column value index: built for every column in the background after ingest (resumed after a crash), exact for long values, same answers as the scan used while an index is not ready.</summary>
public sealed class ColumnIndexTests(ColumnIndexTests.App app) : IClassFixture<ColumnIndexTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => OnKestrel();
    }

    [Fact]
    public async Task Every_column_is_indexed_after_ingest_and_filters_answer_exactly_what_the_table_holds()
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

        // Every column is indexed in the background once the upload passed; nothing waited for a request.
        var upload = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.Id == resource).Select(r => r.PublishedUploadId!.Value).SingleAsync());
        await IndexedAsync(app, upload);
        var markers = await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.UploadId == upload).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 39), markers.Select(m => m.Column).Order());
        Assert.All(markers, m => Assert.NotNull(m.ReadyAt));
        Assert.Equal(4, await app.DbAsync(db => db.Set<TableCell>().IgnoreQueryFilters().CountAsync(c => c.UploadId == upload && c.Column == 2)));

        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));
        Assert.Empty(await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小" }));

        // A column whose index is not ready (still being built) is answered by the scan, the same.
        await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.UploadId == upload && m.Column == 2).ExecuteDeleteAsync());
        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));
        Assert.Empty(await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小" }));

        // A build another node is doing (a fresh claim) is left to it; the staff page shows the progress.
        await app.DbAsync(async db =>
        {
            await db.Set<TableCell>().IgnoreQueryFilters().Where(c => c.UploadId == upload && c.Column == 2 && c.RowNumber > 1).ExecuteDeleteAsync();
            db.Add(new TableColumnIndex { TenantId = tenant.Id, UploadId = upload, Column = 2, StartedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return await db.Set<ResourceUpload>().IgnoreQueryFilters().Where(u => u.Id == upload).ExecuteUpdateAsync(s => s.SetProperty(u => u.IndexedAt, (DateTime?)null));
        });
        app.Services.GetRequiredService<IngestSignal>().Nudge();
        var page = await publisher.GetPageAsync($"/{code}/staff/opendata/{dataset}");
        Assert.Contains("絞り込み用の索引を作成しています（38／39列）", page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));

        // A build a dead node left half-way (claimed long ago, never ready) is thrown away and redone.
        await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.UploadId == upload && m.Column == 2)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.StartedAt, DateTime.UtcNow - ColumnIndex.StaleAfter - TimeSpan.FromMinutes(1))));
        app.Services.GetRequiredService<IngestSignal>().Nudge();
        await IndexedAsync(app, upload);
        Assert.NotNull((await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().SingleAsync(m => m.UploadId == upload && m.Column == 2))).ReadyAt);
        Assert.Equal(4, await app.DbAsync(db => db.Set<TableCell>().IgnoreQueryFilters().CountAsync(c => c.UploadId == upload && c.Column == 2)));
        Assert.Equal(new[] { 2, 4 }, await IdsAsync(new Dictionary<string, string> { ["名称"] = "南小学校" }));

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
        var upload = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.Id == resource).Select(r => r.PublishedUploadId!.Value).SingleAsync());
        await IndexedAsync(app, upload);
        var url = $"/{code}/api/3/action/datastore_search?resource_id={resource}&limit=3&offset=20000&filters={Uri.EscapeDataString("{\"区分\":\"同じ\"}")}";
        var fromIndex = JsonDocument.Parse(await api.GetStringAsync(url)).RootElement.GetProperty("result");
        Assert.Equal(39_999, fromIndex.GetProperty("total").GetInt32());
        Assert.Equal(new[] { 20002, 20003, 20004 }, fromIndex.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("_id").GetInt32()).ToArray());
        Assert.Equal("施設20001", fromIndex.GetProperty("records")[0].GetProperty("名称").GetString());
        Assert.NotNull((await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().SingleAsync(m => m.UploadId == upload && m.Column == 1))).ReadyAt);

        // The scan (index not ready) gives the same page.
        await app.DbAsync(db => db.Set<TableColumnIndex>().IgnoreQueryFilters().Where(m => m.UploadId == upload && m.Column == 1).ExecuteDeleteAsync());
        var fromScan = JsonDocument.Parse(await api.GetStringAsync(url)).RootElement.GetProperty("result");
        Assert.Equal(fromIndex.GetRawText(), fromScan.GetRawText());
        var other = JsonDocument.Parse(await api.GetStringAsync($"/{code}/api/3/action/datastore_search?resource_id={resource}&filters={Uri.EscapeDataString("{\"区分\":\"別\"}")}")).RootElement.GetProperty("result");
        Assert.Equal(new[] { 8 }, other.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("_id").GetInt32()).ToArray());
    }

    private static Task IndexedAsync(MadoguchiApp app, Guid upload) =>
        Eventually.TrueAsync(() => app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().AnyAsync(u => u.Id == upload && u.IndexedAt != null)), "the column indexes of the upload");
}
