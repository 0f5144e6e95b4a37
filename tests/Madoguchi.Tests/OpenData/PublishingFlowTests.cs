using System.Net;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>
/// A 危機管理課 publisher uploads a Shift_JIS 指定緊急避難場所 CSV, reads the report, fixes the file
/// and publishes; residents find it by a two-character word and download it.
/// </summary>
public sealed class PublishingFlowTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task Publisher_fixes_a_Shift_JIS_evacuation_list_after_the_report_and_publishes_it()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var code = tenant.Code;
        var dataset = await publisher.CreateDatasetAsync(code, "evacuation-spaces", "指定緊急避難場所一覧", "evacuation_space");

        // First file: a swapped latitude/longitude, a broken phone number, a bad check digit and ㈱ in a name.
        var bad = ShiftJis.GetBytes(string.Join("\r\n",
            EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "140.8693", "38.2682"),
            EvacuationRow(code, "002", "㈱テスト体育館", "テストタイイクカン", "38.27", "140.87", phone: "電話なし"),
            EvacuationRow(code[..5] + ((code[5] - '0' + 1) % 10), "003", "南小学校", "ミナミショウガッコウ", "38.25", "140.86")) + "\r\n");
        var uploaded = await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", bad);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        await app.IngestedAsync(dataset);

        var report = await publisher.GetPageAsync($"/{code}/staff/opendata/{dataset}");
        var problems = report.Document.QuerySelectorAll("table.validation-report tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(problems, p => p.Contains('2') && p.Contains("緯度") && p.Contains("日本の範囲"));
        Assert.Contains(problems, p => p.Contains('3') && p.Contains("電話番号") && p.Contains("電話なし"));
        Assert.Contains(problems, p => p.Contains('4') && p.Contains("全国地方公共団体コード") && p.Contains("検査数字"));
        Assert.Contains(problems, p => p.Contains("機種依存文字") && p.Contains("㈱テスト体育館"));
        Assert.Contains(problems, p => p.Contains("Shift_JIS"));
        Assert.Contains("エラーがあります", report.Text);
        Assert.Null(report.Document.QuerySelector("form[action*=Publish]"));

        // Publishing anyway (an old form) is refused: nothing half-published.
        var refused = await publisher.PostAsync($"/{code}/staff/opendata/{dataset}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = report.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!, ["version"] = "0",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null(await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Id == dataset).Select(d => d.PublishedAt).SingleAsync()));
        Assert.Equal(0, await app.DbAsync(db => db.Set<ResourceRowBlock>().IgnoreQueryFilters().CountAsync(r => r.TenantId == tenant.Id)));

        // Second version: fixed, one more row, a multi-line quoted note.
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var good = ShiftJis.GetBytes(string.Join("\r\n",
            EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693"),
            EvacuationRow(code, "002", "テスト体育館", "テストタイイクカン", "38.27", "140.87"),
            EvacuationRow(code, "003", "南小学校", "ミナミショウガッコウ", "38.25", "140.86", note: "\"体育館を使用\r\n2階は不可\""),
            EvacuationRow(code, "004", "北公園", "キタコウエン", "38.29", "140.88", phone: "(022)123-4567")) + "\r\n");
        await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", good, newName: null, resource: resource);
        await app.IngestedAsync(dataset);
        var passed = await publisher.GetPageAsync($"/{code}/staff/opendata/{dataset}");
        Assert.Contains("確認済み", passed.Text);
        Assert.DoesNotContain("エラー 1", passed.Text);
        var history = passed.Document.QuerySelectorAll("details tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("4", history[0]); // 4 rows in version 2; version 1 never passed, so no diff

        var published = await publisher.SubmitAsync(passed, new Dictionary<string, string>(), "form[action*=Publish]");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // Residents: search by a two-character word, facets, dataset page, downloads.
        var resident = app.Browser();
        var search = await resident.GetPageAsync($"/{code}/opendata?q=避難");
        Assert.Contains("1 件のデータセット", search.Text);
        Assert.NotNull(search.Document.QuerySelector($"a[href='/{code}/opendata/evacuation-spaces']"));
        Assert.Contains("0 件のデータセット", (await resident.GetPageAsync($"/{code}/opendata?q=保育")).Text);
        Assert.Contains("1 件のデータセット", (await resident.GetPageAsync($"/{code}/opendata?standard=evacuation_space&format=Csv&tag=防災")).Text);
        Assert.Contains("0 件のデータセット", (await resident.GetPageAsync($"/{code}/opendata?tag=観光")).Text);

        var page = await resident.GetPageAsync($"/{code}/opendata/evacuation-spaces");
        Assert.Contains("CC BY 4.0", page.Text);
        Assert.Contains("4 行", page.Text);
        var original = await resident.GetAsync($"/{code}/opendata/evacuation-spaces/resources/{resource}/download");
        Assert.Equal(good, await original.Content.ReadAsByteArrayAsync());
        var utf8 = await resident.GetAsync($"/{code}/opendata/evacuation-spaces/resources/{resource}/download.csv");
        var text = Encoding.UTF8.GetString(await utf8.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF全国地方公共団体コード,ID,名称", text);
        Assert.Contains("\"体育館を使用\r\n2階は不可\"", text);
        Assert.Equal(2, await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.Id == resource).Select(r => r.Downloads).SingleAsync()));
    }

    [Fact]
    public async Task Unpublished_datasets_and_files_are_invisible_to_residents()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "draft-data", "下書きの避難データ");
        await publisher.UploadAsync(tenant.Code, dataset, "a.csv", Encoding.UTF8.GetBytes("名前,値\nA,1\n"), newName: "表");
        await app.IngestedAsync(dataset);
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());

        var resident = app.Browser();
        Assert.Contains("0 件のデータセット", (await resident.GetPageAsync($"/{tenant.Code}/opendata?q=避難")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/{tenant.Code}/opendata/draft-data")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/{tenant.Code}/opendata/draft-data/resources/{resource}/download")).StatusCode);
    }

    [Fact]
    public async Task Script_in_a_description_is_never_served()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "parks", "公園一覧",
            description: "# 公園\n\n<script>alert(1)</script>\n\n[危ないリンク](javascript:alert(2)) と [市のサイト](https://www.city.example.jp/) **太字**");
        await publisher.UploadAsync(tenant.Code, dataset, "parks.csv", Encoding.UTF8.GetBytes("名称,住所\n中央公園,1番地\n"), newName: "公園");
        await app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");

        var page = await app.Browser().GetPageAsync($"/{tenant.Code}/opendata/parks");
        var description = page.Document.QuerySelector(".markdown")!;
        Assert.Empty(description.QuerySelectorAll("script"));
        Assert.DoesNotContain("javascript:", description.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(description.QuerySelector("a[href='https://www.city.example.jp/']"));
        Assert.Equal("太字", description.QuerySelector("strong")!.TextContent);
        Assert.Equal("公園", description.QuerySelector("h2")!.TextContent); // the page's own h1 stays the only one
    }
}
