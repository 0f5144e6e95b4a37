using System.Net;
using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>CSV as people make it: encodings, quoted line breaks, ragged rows, broken quotes, files that are not CSV, too large.</summary>
public sealed class CsvIngestTests : IClassFixture<MadoguchiApp>
{
    private readonly MadoguchiApp _app;

    public CsvIngestTests(MadoguchiApp app) => _app = app.With("OpenData:MaxUploadBytes", "65536");

    private async Task<(ResourceUpload Upload, List<string[]> Rows, string Report)> IngestAsync(string fileName, byte[] bytes)
    {
        var (tenant, _, _, publisher) = await _app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "data-" + Guid.NewGuid().ToString("N")[..8], "テスト");
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.UploadAsync(tenant.Code, dataset, fileName, bytes, newName: "表")).StatusCode);
        await _app.IngestedAsync(dataset);
        var upload = await _app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters()
            .SingleAsync(u => db.Set<DatasetResource>().IgnoreQueryFilters().Any(r => r.Id == u.ResourceId && r.DatasetId == dataset)));
        var blocks = await _app.DbAsync(db => db.Set<ResourceRowBlock>().IgnoreQueryFilters().Where(r => r.UploadId == upload.Id).OrderBy(r => r.FirstRow).Select(r => r.Data).ToListAsync());
        var report = string.Join("\n", (await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}")).Document
            .QuerySelectorAll("table.validation-report tbody tr").Select(tr => tr.TextContent));
        return (upload, blocks.SelectMany(b => JsonSerializer.Deserialize<string[][]>(b)!).ToList(), report);
    }

    [Fact]
    public async Task UTF8_with_BOM_and_quoted_line_breaks_becomes_a_table()
    {
        var csv = "\uFEFF名称,説明,数\r\n\"①番館\",\"一行目\r\n二行目, カンマも\",1\r\n\"引用符\"\"入り\",普通,2\r\n";
        var (upload, rows, _) = await IngestAsync("a.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal((UploadState.Passed, "utf-8-bom", 2), (upload.State, upload.Encoding, upload.RowCount));
        Assert.Equal(["名称", "説明", "数"], JsonSerializer.Deserialize<string[]>(upload.ColumnsJson!)!);
        Assert.Equal(["①番館", "一行目\r\n二行目, カンマも", "1"], rows[0]);
        Assert.Equal("引用符\"入り", rows[1][0]);
    }

    [Fact]
    public async Task Shift_JIS_with_platform_dependent_characters_is_decoded_as_CP932()
    {
        var bytes = OpenDataScenario.ShiftJis.GetBytes("名称,会社\r\n①公民館,㈱まちづくり\r\nⅢ号棟,髙橋商店\r\n");
        var (upload, rows, report) = await IngestAsync("sjis.csv", bytes);
        Assert.Equal((UploadState.Passed, "shift_jis"), (upload.State, upload.Encoding));
        Assert.Equal(["①公民館", "㈱まちづくり"], rows[0]);
        Assert.Equal(["Ⅲ号棟", "髙橋商店"], rows[1]);
        Assert.Contains("機種依存文字", report);
    }

    [Fact]
    public async Task Ragged_rows_are_reported_by_row_and_nothing_is_stored()
    {
        var (upload, rows, report) = await IngestAsync("ragged.csv", Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n4,5\n6,7,8,9\n"));
        Assert.Equal(UploadState.Failed, upload.State);
        Assert.Empty(rows);
        Assert.Contains("3—エラー列の数が見出し（3列）と違います（2列）", report);
        Assert.Contains("4—エラー列の数が見出し（3列）と違います（4列）", report);
    }

    [Fact]
    public async Task A_broken_quote_is_reported()
    {
        var (upload, rows, report) = await IngestAsync("quote.csv", Encoding.UTF8.GetBytes("a,b\n1,\"開いたまま\n2,3\n"));
        Assert.Equal(UploadState.Failed, upload.State);
        Assert.Empty(rows);
        Assert.Contains("引用符", report);
    }

    [Fact]
    public async Task Binary_and_Excel_files_named_csv_are_named_for_what_they_are()
    {
        var (zip, _, zipReport) = await IngestAsync("book.csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
        Assert.Equal(UploadState.Failed, zip.State);
        Assert.Contains("Excel（xlsx）やZIP", zipReport);

        var (binary, _, binaryReport) = await IngestAsync("image.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        Assert.Equal(UploadState.Failed, binary.State);
        Assert.Contains("文字のファイル（CSV）ではありません", binaryReport);

        var (latin, _, latinReport) = await IngestAsync("latin.csv", [0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFE, 0xFD, 0x2C, 0x80, 0x0A]);
        Assert.Equal(UploadState.Failed, latin.State);
        Assert.Contains("文字コードを判別できません", latinReport);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_a_message()
    {
        var (tenant, _, _, publisher) = await _app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "big", "大きなファイル");
        var response = await publisher.UploadAsync(tenant.Code, dataset, "big.csv", Encoding.UTF8.GetBytes("a\n" + new string('x', 70_000) + "\n"), newName: "表");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("ファイルが大きすぎます", page.Document.QuerySelector("#Upload_File-error")!.TextContent);
        Assert.Equal(0, await _app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().CountAsync(u => u.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Exports_neutralise_formulas_but_keep_negative_numbers()
    {
        var (tenant, _, _, publisher) = await _app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "formula", "数式");
        await publisher.UploadAsync(tenant.Code, dataset, "f.csv", Encoding.UTF8.GetBytes("名前,値\n\"=HYPERLINK(\"\"http://evil\"\")\",-12.5\n@SUM(A1),+81\n"), newName: "表");
        await _app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        var resource = await _app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        var csv = await _app.Browser().GetStringAsync($"/{tenant.Code}/opendata/formula/resources/{resource}/download.csv");
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\",-12.5", csv);
        Assert.Contains("\"'@SUM(A1)\",+81", csv);
    }
}
