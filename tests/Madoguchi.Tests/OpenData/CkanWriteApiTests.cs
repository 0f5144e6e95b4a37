using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Tokens;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>The CKAN write actions with personal API tokens over real HTTP, as ckanapi or a script with curl calls them.</summary>
public sealed class CkanWriteApiTests(CkanWriteApiTests.App app) : IClassFixture<CkanWriteApiTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => OnKestrel();
    }

    private HttpClient NewBrowser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };

    private async Task<(Setup Setup, string Token)> PublisherWithTokenAsync(TestData.TenantInfo? tenant = null)
    {
        var setup = await app.PublisherAsync(tenant, NewBrowser());
        return (setup, await CreateTokenAsync(setup.Client, setup.Tenant.Code, setup.CrisisDepartment.ToString()));
    }

    /// <summary>Creates a token on the staff page and reads it from the answer (the only time it is shown).</summary>
    private static async Task<string> CreateTokenAsync(HttpClient staff, string code, string department, string expiresOn = "")
    {
        var response = await staff.SubmitAsync($"/{code}/staff/opendata/tokens",
            new Dictionary<string, string> { ["Input.Label"] = "避難所データの自動更新", ["Input.Department"] = department, ["Input.ExpiresOn"] = expiresOn }, "form[action*=Create]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var token = page.Document.QuerySelector("#new-token")?.GetAttribute("value") ?? throw new InvalidOperationException(page.Document.QuerySelector("main")?.TextContent);
        Assert.StartsWith("mdg_", token);
        return token;
    }

    private HttpClient Api(string? authorization)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string code, string action, object body) =>
        client.PostAsync($"/{code}/api/3/action/{action}", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> ResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.True(json.GetProperty("success").GetBoolean());
        return json.GetProperty("result");
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.False(json.GetProperty("success").GetBoolean());
        var error = json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("__type").GetString());
        return error;
    }

    private static object EvacuationPackage(string name) => new
    {
        name, title = "指定緊急避難場所一覧", notes = "市内の指定緊急避難場所です。", license_id = "CC-BY-4.0",
        tags = new[] { new { name = "防災" }, new { name = "避難" } },
        extras = new[] { new { key = "standard_dataset", value = "evacuation_space" }, new { key = "update_frequency", value = "monthly" } },
        maintainer = "危機管理課", maintainer_email = "kiki@example.jp",
    };

    [Fact]
    public async Task A_script_creates_uploads_and_publishes_a_dataset_with_a_token()
    {
        var ((tenant, crisis, publisher, staff), token) = await PublisherWithTokenAsync();
        var code = tenant.Code;
        Assert.Equal(64, (await app.DbAsync(db => db.Set<ApiToken>().IgnoreQueryFilters().SingleAsync(t => t.TenantId == tenant.Id))).TokenHash.Length);
        Assert.DoesNotContain(token, (await staff.GetPageAsync($"/{code}/staff/opendata/tokens")).Text);

        // CKAN 2.10 style: the raw token as the whole header.
        var client = Api(token);
        var created = await ResultAsync(await PostJsonAsync(client, code, "package_create", EvacuationPackage("evacuation-spaces")));
        Assert.Equal("evacuation-spaces", created.GetProperty("name").GetString());
        Assert.Equal(crisis.ToString(), created.GetProperty("owner_org").GetString());
        Assert.True(created.GetProperty("private").GetBoolean());
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        var stored = await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Include(d => d.Tags).SingleAsync(d => d.Id == id));
        Assert.Equal("evacuation_space", stored.StandardCode);
        Assert.Equal(UpdateFrequency.Monthly, stored.UpdateFrequency);
        Assert.Equal(["避難", "防災"], stored.Tags.Select(t => t.Name).Order());

        // The same request again (a retried POST): one dataset, and a Validation Error on the name.
        var again = await ErrorAsync(await PostJsonAsync(client, code, "package_create", EvacuationPackage("evacuation-spaces")), HttpStatusCode.Conflict, "Validation Error");
        Assert.Contains("既に使われています", again.GetProperty("name")[0].GetString());
        Assert.Equal(1, await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().CountAsync(d => d.TenantId == tenant.Id)));

        // resource_create as multipart with the file in "upload"; Bearer works too.
        var bearer = Api("Bearer " + token);
        var csv = ShiftJis.GetBytes(string.Join("\r\n", EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693")) + "\r\n");
        var form = new MultipartFormDataContent { { new StringContent(id.ToString()), "package_id" }, { new StringContent("指定緊急避難場所一覧"), "name" } };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "upload", $"{code}_evacuation_space.csv");
        var resource = await ResultAsync(await bearer.PostAsync($"/{code}/api/3/action/resource_create", form));
        Assert.Equal("CSV", resource.GetProperty("format").GetString());
        Assert.Equal(id.ToString(), resource.GetProperty("package_id").GetString());
        var link = await ResultAsync(await PostJsonAsync(client, code, "resource_create", new { package_id = "evacuation-spaces", name = "防災マップ", url = "https://example.jp/map" }));
        Assert.Equal("URL", link.GetProperty("format").GetString());
        await app.IngestedAsync(id);
        var upload = await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().SingleAsync(u => u.TenantId == tenant.Id));
        Assert.Equal(UploadState.Passed, upload.State);
        Assert.Contains("APIトークン", upload.UploadedBy);

        // private=false is 公開する: published, and package_show answers for everyone.
        var published = await ResultAsync(await PostJsonAsync(client, code, "package_update", new { id = "evacuation-spaces", @private = false, notes = "更新しました。" }));
        Assert.False(published.GetProperty("private").GetBoolean());
        var shown = await ResultAsync(await Api(null).GetAsync($"/{code}/api/3/action/package_show?id=evacuation-spaces"));
        Assert.Equal("更新しました。", shown.GetProperty("notes").GetString());
        Assert.Equal(2, shown.GetProperty("num_resources").GetInt32());

        // The change history names the token's owner.
        var actor = await app.DbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == id.ToString()).Select(a => a.Actor).ToListAsync());
        Assert.Contains($"staff:{publisher.Id}", actor);
        Assert.NotNull((await app.DbAsync(db => db.Set<ApiToken>().IgnoreQueryFilters().SingleAsync(t => t.TenantId == tenant.Id))).LastUsedAt);
    }

    [Fact]
    public async Task Bad_revoked_and_expired_tokens_get_CKANs_authorization_error()
    {
        var ((tenant, crisis, _, staff), token) = await PublisherWithTokenAsync();
        var code = tenant.Code;
        var body = EvacuationPackage("aed");

        var missing = await ErrorAsync(await PostJsonAsync(Api(null), code, "package_create", body), HttpStatusCode.Forbidden, "Authorization Error");
        Assert.Contains("APIトークン", missing.GetProperty("message").GetString());
        await ErrorAsync(await PostJsonAsync(Api("mdg_not-a-real-token"), code, "package_create", body), HttpStatusCode.Forbidden, "Authorization Error");
        await ErrorAsync(await PostJsonAsync(Api(token + "x"), code, "package_create", body), HttpStatusCode.Forbidden, "Authorization Error");

        // Expired: a token whose day has passed.
        var expiring = await CreateTokenAsync(staff, code, crisis.ToString(), DateTime.UtcNow.AddHours(9).ToString("yyyy-MM-dd"));
        await app.DbAsync(db => db.Set<ApiToken>().IgnoreQueryFilters().Where(t => t.TenantId == tenant.Id && t.ExpiresAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        await ErrorAsync(await PostJsonAsync(Api(expiring), code, "package_create", body), HttpStatusCode.Forbidden, "Authorization Error");

        // Revoked on the staff page.
        var page = await staff.GetPageAsync($"/{code}/staff/opendata/tokens");
        var revoke = page.Document.QuerySelectorAll("form[action*=Revoke]").Last();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(page, new Dictionary<string, string>(), $"form[action='{revoke.GetAttribute("action")}']")).StatusCode);
        // The oldest row is the first token: the one that worked until now.
        Assert.NotNull(await app.DbAsync(db => db.Set<ApiToken>().IgnoreQueryFilters().Where(t => t.TenantId == tenant.Id && t.ExpiresAt == null).Select(t => t.RevokedAt).SingleAsync()));
        Assert.Contains("取り消し済み", (await staff.GetPageAsync($"/{code}/staff/opendata/tokens")).Text);
        await ErrorAsync(await PostJsonAsync(Api(token), code, "package_create", body), HttpStatusCode.Forbidden, "Authorization Error");

        // Nothing was created by any of the refused calls; reading needs no token.
        Assert.Equal(0, await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().CountAsync(d => d.TenantId == tenant.Id)));
        Assert.Equal(0, (await ResultAsync(await Api(null).GetAsync($"/{code}/api/3/action/package_list"))).GetArrayLength());
    }

    [Fact]
    public async Task Validation_problems_come_back_per_field_like_CKAN()
    {
        var ((tenant, _, _, _), token) = await PublisherWithTokenAsync();
        var error = await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_create",
            new { name = "Bad Name!", license_id = "GPL", maintainer_email = "not-an-address", extras = new[] { new { key = "temporal_start", value = "2026/04/01" } } }),
            HttpStatusCode.Conflict, "Validation Error");
        Assert.Contains("CC-BY-4.0", error.GetProperty("license_id")[0].GetString());
        Assert.Contains("YYYY-MM-DD", error.GetProperty("temporal_start")[0].GetString());

        error = await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_create", new { name = "Bad Name!", maintainer_email = "not-an-address" }),
            HttpStatusCode.Conflict, "Validation Error");
        Assert.Contains("タイトルを入力してください", error.GetProperty("title")[0].GetString());
        Assert.Contains("半角英小文字", error.GetProperty("name")[0].GetString());
        Assert.Contains("メールアドレス", error.GetProperty("maintainer_email")[0].GetString());
        Assert.Equal(0, await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().CountAsync(d => d.TenantId == tenant.Id)));

        // A package that cannot be published yet says why, on "private".
        await ResultAsync(await PostJsonAsync(Api(token), tenant.Code, "package_create", EvacuationPackage("empty")));
        error = await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_update", new { id = "empty", @private = false }), HttpStatusCode.Conflict, "Validation Error");
        Assert.Contains("ファイルまたはリンク", error.GetProperty("private")[0].GetString());
    }

    [Fact]
    public async Task A_token_acts_only_for_its_department_and_municipality()
    {
        var ((tenant, crisis, _, _), token) = await PublisherWithTokenAsync();
        var welfare = new Department { TenantId = tenant.Id, Name = "福祉課", SortOrder = 5 };
        await app.DbAsync(async db => { db.Add(welfare); await db.SaveChangesAsync(); });
        var welfarePublisher = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Publisher, welfare.Id)), client: NewBrowser());
        var welfareToken = await CreateTokenAsync(welfarePublisher, tenant.Code, welfare.Id.ToString());
        await ResultAsync(await PostJsonAsync(Api(welfareToken), tenant.Code, "package_create", new { name = "care", title = "介護サービス事業所一覧" }));

        // Into another department, or onto its dataset: refused.
        await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_create", new { name = "x", title = "X", owner_org = welfare.Id }), HttpStatusCode.Forbidden, "Authorization Error");
        await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_update", new { id = "care", title = "書き換え" }), HttpStatusCode.Forbidden, "Authorization Error");
        await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "resource_create", new { package_id = "care", name = "L", url = "https://example.jp/" }), HttpStatusCode.Forbidden, "Authorization Error");
        Assert.Equal("介護サービス事業所一覧", await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Name == "care" && d.TenantId == tenant.Id).Select(d => d.Title).SingleAsync()));

        // Another municipality: its datasets do not exist for this token, and this token does not exist there.
        var (other, otherToken) = await PublisherWithTokenAsync(await app.TenantAsync());
        await ResultAsync(await PostJsonAsync(Api(otherToken), other.Tenant.Code, "package_create", new { name = "theirs", title = "他市のデータ" }));
        await ErrorAsync(await PostJsonAsync(Api(token), other.Tenant.Code, "package_update", new { id = "theirs", title = "書き換え" }), HttpStatusCode.Forbidden, "Authorization Error");
        var notFound = await ErrorAsync(await PostJsonAsync(Api(token), tenant.Code, "package_update", new { id = "theirs", title = "書き換え" }), HttpStatusCode.NotFound, "Not Found Error");
        Assert.Equal("Not found", notFound.GetProperty("message").GetString());
        Assert.Equal("他市のデータ", await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Name == "theirs").Select(d => d.Title).SingleAsync()));
        _ = crisis;
    }

    [Fact]
    public async Task A_file_over_200_MB_gets_a_Japanese_message_on_the_page_and_in_the_API_and_nothing_is_stored()
    {
        var ((tenant, _, _, staff), token) = await PublisherWithTokenAsync();
        var code = tenant.Code;
        var dataset = await staff.CreateDatasetAsync(code, "huge", "大きなファイル");
        var bytes = new byte[210 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');

        var response = await staff.UploadAsync(code, dataset, "huge.csv", bytes, newName: "表");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("ファイルが大きすぎます（210 MB）。200 MBまでにしてください。", page.Document.QuerySelector("#Upload_File-error")!.TextContent);
        Assert.Contains("ファイルが大きすぎます", page.Document.QuerySelector(".error-summary")!.TextContent);

        var form = new MultipartFormDataContent { { new StringContent(dataset.ToString()), "package_id" }, { new StringContent("表"), "name" } };
        form.Add(new ByteArrayContent(bytes), "upload", "huge.csv");
        var error = await ErrorAsync(await Api(token).PostAsync($"/{code}/api/3/action/resource_create", form), HttpStatusCode.Conflict, "Validation Error");
        Assert.Equal("ファイルが大きすぎます（210 MB）。200 MBまでにしてください。", error.GetProperty("upload")[0].GetString());

        Assert.Equal(0, await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().CountAsync(r => r.DatasetId == dataset)));
        Assert.Equal(0, await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().CountAsync(u => u.TenantId == tenant.Id)));
        var folder = Path.Combine(app.DataDirectory, "opendata", tenant.Id.ToString());
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }
}
