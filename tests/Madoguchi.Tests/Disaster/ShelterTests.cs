using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Disaster;

public sealed class ShelterTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    // The standard 指定緊急避難場所一覧 header (39 columns), two good rows, and three bad ones.
    private const string Header = "全国地方公共団体コード,ID,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,標高,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,市区町村コード,地方公共団体名,災害種別_洪水,災害種別_崖崩れ、土石流及び地滑り,災害種別_高潮,災害種別_地震,災害種別_津波,災害種別_大規模な火事,災害種別_内水氾濫,災害種別_火山現象,指定避難所との重複,想定収容人数,対象となる町会・自治会,URL,画像,画像_ライセンス,備考";

    private static string Row(string id, string name, string address, string lat, string lon, string capacity, string flood = "1", string quake = "1", string overlap = "1") =>
        $"042153,{id},{name},,,042153,,\"{address}\",宮城県,大崎市,,,,{lat},{lon},,0229-23-0000,,,,,,042153,大崎市,{flood},,,{quake},,,,,{overlap},{capacity},,,,,";

    private static byte[] StandardCsv(Encoding encoding, bool bom) =>
        [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(string.Join("\r\n",
            Header,
            Row("0001", "古川第一小学校", "宮城県大崎市古川三日町1-1", "38.571234", "140.955678", "300"),
            Row("0002", "松山体育館", "宮城県大崎市松山千石字松山1", "38.497000", "141.065000", "150", quake: ""),
            Row("0003", "", "宮城県大崎市", "38.5", "140.9", "10"),
            Row("0004", "範囲外の公園", "宮城県大崎市", "3.5", "140.9", "10"),
            Row("0005", "収容人数不明", "宮城県大崎市", "38.5", "140.9", "多数")) + "\r\n")];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient staff, string code, byte[] csv)
    {
        var page = await staff.GetPageAsync($"/{code}/staff/disaster/shelters");
        var token = page.Document.QuerySelector("form[enctype] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Csv", "evacuation_space.csv");
        return await staff.PostAsync($"/{code}/staff/disaster/shelters", content);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("shift_jis")]
    public async Task The_standard_csv_is_imported_with_a_japanese_report_of_bad_rows(string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var s = await app.DisasterTenantAsync();
        var staff = await app.SignInAsync(s.Composer);
        var csv = encoding == "shift_jis" ? StandardCsv(Encoding.GetEncoding(932), bom: false) : StandardCsv(new UTF8Encoding(true), bom: true);
        var response = await UploadAsync(staff, s.Tenant.Code, csv);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("追加 2 件、更新 0 件、取り込めなかった行 3 件", html);
        Assert.Contains("4行目：名称がありません。", html);
        Assert.Contains("5行目：緯度・経度が日本の範囲外です", html);
        Assert.Contains("6行目：想定収容人数が数値ではありません（「多数」）。", html);

        var shelters = await app.DbAsync(db => db.Set<Shelter>().IgnoreQueryFilters().Where(x => x.TenantId == s.Tenant.Id).OrderBy(x => x.Code).ToListAsync());
        Assert.Equal(["古川第一小学校", "松山体育館"], shelters.Select(x => x.Name));
        Assert.Equal("洪水;地震", shelters[0].Hazards);
        Assert.Equal("洪水", shelters[1].Hazards);
        Assert.True(shelters[0].IsShelter && shelters[0].IsEmergencyPlace);
        Assert.Equal(300, shelters[0].Capacity);
        Assert.Equal(38.571234, shelters[0].Latitude!.Value, 6);

        // Re-importing updates by ID and keeps what shelter staff set.
        await app.DbAsync(db => db.Set<Shelter>().IgnoreQueryFilters().Where(x => x.Id == shelters[0].Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Open, true)));
        html = await (await UploadAsync(staff, s.Tenant.Code, csv)).Content.ReadAsStringAsync();
        Assert.Contains("追加 0 件、更新 2 件", html);
        Assert.True(await app.DbAsync(db => db.Set<Shelter>().IgnoreQueryFilters().Where(x => x.Id == shelters[0].Id).Select(x => x.Open).SingleAsync()));
    }

    [Fact]
    public async Task Staff_open_a_shelter_from_a_phone_and_it_shows_live_in_the_public_list_and_open_data_with_history()
    {
        var s = await app.DisasterTenantAsync();
        var staff = await app.SignInAsync(s.Composer);
        await UploadAsync(staff, s.Tenant.Code, StandardCsv(new UTF8Encoding(true), bom: true));
        var shelter = await app.DbAsync(db => db.Set<Shelter>().IgnoreQueryFilters().SingleAsync(x => x.TenantId == s.Tenant.Id && x.Code == "0001"));

        // Any staff of the municipality may run a shelter.
        var runner = await app.SignInAsync(await app.StaffAsync(s.Tenant, (Madoguchi.Platform.Staff.StaffRoleKind.Reviewer, s.Tenant.DepartmentId)));
        var url = $"/{s.Tenant.Code}/staff/disaster/shelters/{shelter.Id}";
        var response = await runner.SubmitAsync(url, new Dictionary<string, string> { ["Input.Open"] = "true", ["Input.Occupancy"] = "Crowded", ["Input.Note"] = "毛布あり" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await runner.SubmitAsync(url, new Dictionary<string, string> { ["Input.Occupancy"] = "Full" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // A stale form (another staff member's older page) is told, not applied.
        var stale = await runner.SubmitAsync(url, new Dictionary<string, string> { ["Input.Version"] = "0", ["Input.Occupancy"] = "Available" });
        Assert.Contains("他の職員が先にこの避難所の状況を更新しました。", await stale.Content.ReadAsStringAsync());

        var resident = app.Browser();
        var list = await resident.GetPageAsync($"/{s.Tenant.Code}/shelters");
        Assert.Contains("開設中の避難所（1 か所）", list.Text);
        Assert.Contains("古川第一小学校：満員", list.Text.Replace(" ", "").Replace("\n", ""));

        // The map's points are embedded in the page: each says its state in words and links to its row in the list.
        using (var points = JsonDocument.Parse(list.Document.QuerySelector("script#shelter-map-points")!.TextContent))
        {
            var byName = points.RootElement.GetProperty("features").EnumerateArray()
                .ToDictionary(f => f.GetProperty("properties").GetProperty("name").GetString()!, f => f.GetProperty("properties"));
            Assert.Equal("開設・満員", byName["古川第一小学校"].GetProperty("label").GetString());
            Assert.Equal("full", byName["古川第一小学校"].GetProperty("state").GetString());
            Assert.Equal("閉鎖", byName["松山体育館"].GetProperty("label").GetString());
            var anchor = byName["古川第一小学校"].GetProperty("url").GetString()!;
            Assert.Contains("古川第一小学校", list.Document.GetElementById(anchor.TrimStart('#'))!.TextContent);
            Assert.NotNull(list.Document.QuerySelector("section[data-shelter-map] .report-map-canvas"));
        }

        var csv = await resident.GetByteArrayAsync($"/{s.Tenant.Code}/shelters.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("ID,名称,", text);
        Assert.Contains("0001,古川第一小学校,", text);
        Assert.Contains(",開設,満員,毛布あり,", text);

        using var geo = JsonDocument.Parse(await resident.GetStringAsync($"/{s.Tenant.Code}/shelters.geojson"));
        var feature = geo.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "0001");
        Assert.Equal(140.955678, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 6);
        Assert.Equal("full", feature.GetProperty("properties").GetProperty("occupancy").GetString());

        using var api = JsonDocument.Parse(await resident.GetStringAsync($"/{s.Tenant.Code}/api/disaster/shelters"));
        Assert.Equal(2, api.RootElement.GetProperty("shelters").GetArrayLength());
        using var history = JsonDocument.Parse(await resident.GetStringAsync($"/{s.Tenant.Code}/api/disaster/shelters/history"));
        var changes = history.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("occupancy").GetString()).ToList();
        Assert.Equal(["crowded", "full"], changes);

        // Another municipality sees none of it.
        var other = await app.DisasterTenantAsync();
        using var otherApi = JsonDocument.Parse(await resident.GetStringAsync($"/{other.Tenant.Code}/api/disaster/shelters"));
        Assert.Equal(0, otherApi.RootElement.GetProperty("shelters").GetArrayLength());
        var otherStaff = await app.SignInAsync(other.Composer);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/{other.Tenant.Code}/staff/disaster/shelters/{shelter.Id}")).StatusCode);
    }
}
