using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Exports;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Exports;

/// <summary>The staff CSV export: bytes Excel opens in both encodings, RFC 4180 quoting, no formulas, Japanese headers, scope.</summary>
public sealed class CsvExportTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private const string Key = "jidou-teate-nintei";

    private static async Task<HttpResponseMessage> ExportAsync(HttpClient staff, TestData.TenantInfo tenant, (Guid Id, int Version) procedure,
        CsvEncodingKind encoding = CsvEncodingKind.Utf8Bom, string? status = null, bool myNumber = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Version"] = $"{procedure.Id}:{procedure.Version}",
            ["Input.Encoding"] = encoding.ToString(),
        };
        if (status is not null)
        {
            fields["Input.Status"] = status;
        }

        if (myNumber)
        {
            fields["Input.IncludeMyNumber"] = "true";
        }

        return await staff.SubmitAsync($"/{tenant.Code}/staff/applications/export", fields);
    }

    [Fact]
    public async Task Utf8_export_has_a_bom_japanese_headers_numbered_repeat_columns_and_safe_cells()
    {
        var tenant = await app.TenantAsync();
        var plain = await app.SubmittedAsync(tenant, Key);
        // A resident's text that would break a naive CSV or run as a formula in Excel.
        var tricky = await app.SubmittedAsync(tenant, Key, edit: json => json
            .Replace("\"occupation\": \"会社員\"", "\"occupation\": \"=1+2\"", StringComparison.Ordinal)
            .Replace("\"employer\": \"株式会社みほん\"", "\"employer\": \"株式会社\\\"みほん\\\", 本社\\n第二工場\"", StringComparison.Ordinal)
            .Replace("\"phone\": \"090-1234-5678\"", "\"phone\": \"@SUM(A1)\"", StringComparison.Ordinal));
        await app.AttachAsync(tenant, tricky.Id, "bekkyo-kango", "別居監護申立書.pdf");
        var procedure = await app.ProcedureAsync(tenant, Key);
        var (admin, client) = await app.TenantAdminAsync(tenant);

        var response = await ExportAsync(client, tenant, procedure);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        var header = rows[0];
        Assert.Equal(["到達番号", "到達日時", "到達日時（和暦）", "状態"], header.Take(4));
        Assert.Contains("氏名", header);
        Assert.Contains("児童1_氏名", header);
        Assert.Contains("児童20_氏名", header); // the schema's maxItems
        Assert.DoesNotContain("児童21_氏名", header);
        Assert.Contains("振込先口座（請求者名義の普通預金）_口座番号", header);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));

        var byNumber = rows.Skip(1).ToDictionary(r => r[0]);
        string Cell(string number, string column) => byNumber[number][header.IndexOf(column)];
        Assert.Equal("受付済み", Cell(plain.Number, "状態"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$", Cell(plain.Number, "到達日時"));
        Assert.StartsWith("令和", Cell(plain.Number, "到達日時（和暦）"), StringComparison.Ordinal);
        Assert.Equal("山田 太郎", Cell(plain.Number, "氏名"));
        Assert.Equal("山田 一郎", Cell(plain.Number, "児童1_氏名"));
        Assert.Equal("", Cell(plain.Number, "児童3_氏名"));
        Assert.Equal("はい", Cell(plain.Number, "配偶者がいる"));
        Assert.Equal("********9018", Cell(plain.Number, "個人番号（マイナンバー）"));

        Assert.Equal("'=1+2", Cell(tricky.Number, "職業"));
        Assert.Equal("'@SUM(A1)", Cell(tricky.Number, "電話番号"));
        Assert.Equal("株式会社\"みほん\", 本社\n第二工場", Cell(tricky.Number, "勤務先の名称"));
        Assert.Equal("別居監護申立書.pdf", Cell(tricky.Number, "別居監護申立書"));

        var log = await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.TenantId == tenant.Id));
        Assert.Equal($"staff:{admin.Id}", log.Actor);
        Assert.Equal(2, log.Rows);
        Assert.NotNull(log.CompletedAt);
        Assert.Contains("myNumber=masked", log.Criteria, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shift_jis_export_decodes_and_reports_what_it_had_to_replace()
    {
        var tenant = await app.TenantAsync();
        var kanji = await app.SubmittedAsync(tenant, Key, edit: json => json
            .Replace("\"name\": \"山田 太郎\"", "\"name\": \"𠮷田 太郎\"", StringComparison.Ordinal)
            .Replace("千代田1-1-101", "千代田1〜101", StringComparison.Ordinal));
        var procedure = await app.ProcedureAsync(tenant, Key);
        var (_, client) = await app.TenantAdminAsync(tenant);

        var response = await ExportAsync(client, tenant, procedure, CsvEncodingKind.ShiftJis, myNumber: true);
        Assert.Equal("shift_jis", response.Content.Headers.ContentType!.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var strict = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var rows = Csv.Parse(strict.GetString(bytes));
        var header = rows[0];
        var row = rows[1];
        Assert.Equal(kanji.Number, row[0]);
        Assert.Equal("〓田 太郎", row[header.IndexOf("氏名")]);
        Assert.Equal("東京都千代田区千代田1～101", row[header.IndexOf("住所")]); // the wave dash is CP932's ～, not lost
        Assert.Equal("123456789018", row[header.IndexOf("個人番号（マイナンバー）")]);

        var log = await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.TenantId == tenant.Id));
        Assert.Equal(1, log.ReplacedCharacters);
        Assert.Equal($"{kanji.Number} 氏名", log.ReplacedAt);
        Assert.Contains("myNumber=included", log.Criteria, StringComparison.Ordinal);
        var page = await client.GetPageAsync($"/{tenant.Code}/staff/applications/export");
        Assert.Contains($"{kanji.Number} 氏名", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_exports_only_their_departments_procedures_and_filters_apply()
    {
        var tenant = await app.TenantAsync();
        var childcare = await app.DepartmentAsync(tenant, "保育課");
        var ours = await app.SubmittedAsync(tenant, "risai-shoumei");
        await app.SubmittedAsync(tenant, "hoiku-riyou-moushikomi", childcare);
        var other = await app.TenantAsync();
        // Receipt numbers run per municipality, so the other one's is told apart by its applicant.
        await app.SubmittedAsync(other, "risai-shoumei", edit: json => json.Replace("鈴木 一郎", "他市 五郎", StringComparison.Ordinal));
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));

        var form = await reviewer.GetPageAsync($"/{tenant.Code}/staff/applications/export");
        var nursery = await app.ProcedureAsync(tenant, "hoiku-riyou-moushikomi");
        Assert.DoesNotContain(nursery.Id.ToString(), form.Text, StringComparison.Ordinal);

        // Posting another department's procedure anyway: a Japanese error at the field, nothing exported.
        var refused = await ExportAsync(reviewer, tenant, nursery);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("出力する手続を選んでください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another municipality's procedure is not offered either.
        var foreign = await ExportAsync(reviewer, tenant, await app.ProcedureAsync(other, "risai-shoumei"));
        Assert.Contains("出力する手続を選んでください。", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().CountAsync(e => e.TenantId == tenant.Id)));

        var disaster = await app.ProcedureAsync(tenant, "risai-shoumei");
        var csv = Encoding.UTF8.GetString((await (await ExportAsync(reviewer, tenant, disaster)).Content.ReadAsByteArrayAsync())[3..]);
        Assert.Contains(ours.Number, csv, StringComparison.Ordinal);
        Assert.Contains("鈴木 一郎", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("他市 五郎", csv, StringComparison.Ordinal);
        Assert.Equal(2, Csv.Parse(csv).Count);

        var approvedOnly = Encoding.UTF8.GetString((await (await ExportAsync(reviewer, tenant, disaster, status: "Approved")).Content.ReadAsByteArrayAsync())[3..]);
        Assert.Single(Csv.Parse(approvedOnly)); // the header, no rows
    }

    [Fact]
    public async Task A_repeat_without_max_items_gets_as_many_columns_as_the_longest_exported_application_needs()
    {
        var tenant = await app.TenantAsync();
        var shipped = TemplateLibrary.Embedded.Find(Key)!;
        var schema = JsonNode.Parse(shipped.Schema.GetRawText())!;
        schema["properties"]!["children"]!.AsObject().Remove("maxItems");
        var unbounded = shipped with { Schema = JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone() };
        await app.InTenantAsync(tenant, sp => sp.GetRequiredService<TemplateEnabler>().EnableAsync(unbounded, tenant.DepartmentId, null, CancellationToken.None));
        await app.SubmittedAsync(tenant, Key); // two children in the sample
        var procedure = await app.ProcedureAsync(tenant, Key);
        var (_, client) = await app.TenantAdminAsync(tenant);

        var header = Csv.Parse(Encoding.UTF8.GetString((await (await ExportAsync(client, tenant, procedure)).Content.ReadAsByteArrayAsync())[3..]))[0];
        Assert.Contains("児童2_氏名", header);
        Assert.DoesNotContain("児童3_氏名", header);
        Assert.Contains("子10_氏名", header); // the other repeat keeps its schema's maxItems
    }

    [Fact]
    public void Csv_cells_are_quoted_and_neutralised_per_rfc_4180()
    {
        var line = new StringBuilder();
        CsvField.AppendRecord(line, ["a,b", "say \"hi\"", "two\r\nlines", "-1", "+81", "-1+1", "\tx", "plain", "", "日本語"]);
        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",-1,+81,\"'-1+1\",\"'\tx\",plain,,日本語\r\n", line.ToString());
    }
}
