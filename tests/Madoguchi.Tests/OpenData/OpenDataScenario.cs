using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>A municipality with a 危機管理課 publisher, and the steps a publisher takes in the browser (without JavaScript).</summary>
public static class OpenDataScenario
{
    static OpenDataScenario() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    public sealed record Setup(TestData.TenantInfo Tenant, Guid CrisisDepartment, TestData.StaffInfo Publisher, HttpClient Client);

    public static async Task<Setup> PublisherAsync(this MadoguchiApp app, TestData.TenantInfo? tenant = null, HttpClient? browser = null)
    {
        tenant ??= await app.TenantAsync();
        var crisis = new Department { TenantId = tenant.Id, Name = "危機管理課", SortOrder = 3 };
        await app.DbAsync(async db => { db.Add(crisis); await db.SaveChangesAsync(); });
        var publisher = await app.StaffAsync(tenant, (StaffRoleKind.Publisher, crisis.Id));
        return new Setup(tenant, crisis.Id, publisher, await app.SignInAsync(publisher, client: browser));
    }

    /// <summary>Creates a dataset through the form; returns its id.</summary>
    public static async Task<Guid> CreateDatasetAsync(this HttpClient client, string code, string name, string title,
        string? standard = null, string description = "市内の指定緊急避難場所の一覧です。", string tags = "防災、避難", Guid? department = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Name"] = name, ["Input.Description"] = description, ["Input.Tags"] = tags,
            ["Input.StandardCode"] = standard ?? "", ["Input.ContactName"] = "危機管理課", ["Input.ContactEmail"] = "kiki@example.jp",
            ["Input.TemporalFrom"] = "2026-04-01",
        };
        if (department is { } d)
        {
            fields["Input.DepartmentId"] = d.ToString();
        }

        var response = await client.SubmitAsync($"/{code}/staff/opendata/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Posts the upload form of the dataset page as multipart/form-data with one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string code, Guid dataset, string fileName, byte[] bytes,
        string? newName = "指定緊急避難場所一覧", Guid? resource = null, ResourceFormat format = ResourceFormat.Csv)
    {
        var url = $"/{code}/staff/opendata/{dataset}";
        var page = await client.GetPageAsync(url);
        var form = (IHtmlFormElement)page.Document.QuerySelector("form[enctype='multipart/form-data']")!;
        var token = form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(resource?.ToString() ?? ""), "Upload.ResourceId" },
            { new StringContent(newName ?? ""), "Upload.Name" },
            { new StringContent(format.ToString()), "Upload.Format" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload.File", fileName);
        return await client.PostAsync(form.GetAttribute("action"), content);
    }

    /// <summary>Waits until the latest upload of the dataset's resources is no longer being read.</summary>
    public static Task IngestedAsync(this MadoguchiApp app, Guid dataset) =>
        Eventually.TrueAsync(() => app.DbAsync(async db =>
        {
            var latest = await db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.LatestUploadId).ToListAsync();
            return await db.Set<ResourceUpload>().IgnoreQueryFilters().Where(u => latest.Contains(u.Id))
                .AllAsync(u => u.State == UploadState.Passed || u.State == UploadState.Failed);
        }), "ingest of the upload");

    public static readonly string EvacuationHeader = string.Join(',',
        "全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村",
        "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "標高", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
        "連絡先備考（その他、SNSなど）", "郵便番号", "市区町村コード", "地方公共団体名", "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮",
        "災害種別_地震", "災害種別_津波", "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数",
        "対象となる町会・自治会", "URL", "画像", "画像_ライセンス", "備考");

    /// <summary>A row of 指定緊急避難場所一覧 in the standard's 39 columns.</summary>
    public static string EvacuationRow(string code, string id, string name, string kana, string latitude, string longitude, string phone = "022-123-4567", string flood = "1", string note = "") =>
        string.Join(',', code, id, name, kana, "", code, "", $"\"宮城県テスト市{name}1番地\"", "宮城県", "テスト市", "", "1番地", "", latitude, longitude, "",
            phone, "", "", "", "", "9850001", code, "テスト市", flood, "", "", "1", "1", "", "", "", "1", "500", "\"中町;本町\"", "", "", "", note);
}
