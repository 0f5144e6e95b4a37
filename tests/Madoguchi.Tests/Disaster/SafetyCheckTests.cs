using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Madoguchi.Disaster.SafetyChecks;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Disaster;

public sealed partial class SafetyCheckTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [GeneratedRegex(@"https?://\S+/safety/([0-9a-f]{48})")]
    private static partial Regex PersonalLink();

    private static async Task<HttpResponseMessage> StartWithListAsync(HttpClient staff, string code, string title, byte[] csv)
    {
        var page = await staff.GetPageAsync($"/{code}/staff/disaster/safety");
        var token = page.Document.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Input.Title" },
            { new StringContent("大雨の被害を確認しています。"), "Input.Message" },
            { new StringContent("List"), "Input.Source" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "List", "youshienja.csv");
        return await staff.PostAsync($"/{code}/staff/disaster/safety", content);
    }

    private async Task<Dictionary<string, string>> LinksAsync(string title) =>
        (await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().Where(m => m.Subject.Contains(title)).ToListAsync()))
            .ToDictionary(m => m.To, m => PersonalLink().Match(m.TextBody).Groups[1].Value);

    [Fact]
    public async Task A_campaign_reaches_a_list_two_answer_the_rest_are_followed_up_by_phone_and_exported()
    {
        var s = await app.DisasterTenantAsync();
        await app.DbAsync(async db =>
        {
            db.Add(new Shelter { TenantId = s.Tenant.Id, Code = "0001", Name = "古川第一小学校", Open = true });
            await db.SaveChangesAsync();
        });
        var staff = await app.SignInAsync(s.Composer);
        var title = "安否確認" + Guid.NewGuid().ToString("N")[..6];
        var list = "氏名,メールアドレス,電話番号,地区\r\n大崎 一郎,ichiro@example.jp,0229-11-1111,古川\r\n大崎 花子,hanako@example.jp,,松山\r\n鳴子 三郎,,0229-33-3333,鳴子\r\n田尻 四郎,shiro@example.jp,0229-44-4444,田尻\r\n";
        var response = await StartWithListAsync(staff, s.Tenant.Code, title, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(list)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var campaignUrl = response.Headers.Location!.OriginalString;

        var links = await LinksAsync(title);
        Assert.Equal(3, links.Count); // 鳴子 三郎 has no e-mail: he is called.

        var resident = app.Browser();
        var page = await resident.GetPageAsync($"/{s.Tenant.Code}/safety/{links["ichiro@example.jp"]}");
        Assert.Contains("大崎 一郎", page.Text);
        response = await resident.SubmitAsync(page, new Dictionary<string, string> { ["Input.Answer"] = "Safe", ["Input.Message"] = "家族も無事です" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        page = await resident.GetPageAsync($"/{s.Tenant.Code}/safety/{links["hanako@example.jp"]}");
        response = await resident.SubmitAsync(page, new Dictionary<string, string> { ["Input.Answer"] = "AtShelter" });
        Assert.Contains("いる避難所を選んでください。", await response.Content.ReadAsStringAsync());
        var shelterId = page.Document.QuerySelectorAll("#Input_ShelterId option").Select(o => o.GetAttribute("value")).First(v => v!.Length > 0)!;
        response = await resident.SubmitAsync(page, new Dictionary<string, string> { ["Input.Answer"] = "AtShelter", ["Input.ShelterId"] = shelterId });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var detail = await staff.GetPageAsync(campaignUrl);
        var text = detail.Text.Replace(" ", "").Replace("\n", "");
        Assert.Contains("無事1", text);
        Assert.Contains("避難所にいる1", text);
        Assert.Contains("未回答の人（2人）", text);
        var silent = detail.Document.QuerySelectorAll("section.card h3").Select(h => h.TextContent).ToList();
        Assert.Equal(new[] { "鳴子 三郎", "田尻 四郎" }.Order(), silent.Order());
        Assert.Contains("古川第一小学校", detail.Text);

        // A follow-up call to 鳴子 三郎 is recorded (and is append-only: a second call adds a row).
        var target = await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().SingleAsync(t => t.Name == "鳴子 三郎" && t.TenantId == s.Tenant.Id));
        var form = $"main form[aria-label*='鳴子 三郎']";
        response = await staff.SubmitAsync(detail, new Dictionary<string, string> { ["Result"] = "" }, form);
        Assert.Contains("電話の結果を選んでください。", await response.Content.ReadAsStringAsync());
        response = await staff.SubmitAsync(detail, new Dictionary<string, string> { ["Result"] = "NoAnswer", ["Note"] = "午後にもう一度" }, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await staff.SubmitAsync(detail, new Dictionary<string, string> { ["Result"] = "ReachedSafe", ["Note"] = "無事を確認" }, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.DbAsync(db => db.Set<FollowUpCall>().IgnoreQueryFilters().CountAsync(c => c.TargetId == target.Id)));
        Assert.Contains("応答なし：午後にもう一度", (await staff.GetPageAsync(campaignUrl)).Text);

        // Export for the welfare department, in both encodings.
        var utf8 = await staff.GetByteArrayAsync(campaignUrl + "/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, utf8[..3]);
        var csv = Encoding.UTF8.GetString(utf8, 3, utf8.Length - 3);
        Assert.Contains("大崎 一郎,古川,0229-11-1111,ichiro@example.jp,無事,,家族も無事です,", csv);
        Assert.Contains("鳴子 三郎,鳴子,0229-33-3333,,未回答,", csv);
        Assert.Contains("本人と話せた（無事）：無事を確認", csv);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = await staff.GetByteArrayAsync(campaignUrl + "/export.csv?encoding=shift_jis");
        Assert.Contains("避難所にいる,古川第一小学校", Encoding.GetEncoding(932).GetString(sjis));
    }

    [Fact]
    public async Task A_forged_link_is_a_404_and_an_answer_after_closing_is_refused_with_a_message()
    {
        var s = await app.DisasterTenantAsync();
        var staff = await app.SignInAsync(s.Composer);
        var title = "終了テスト" + Guid.NewGuid().ToString("N")[..6];
        var response = await StartWithListAsync(staff, s.Tenant.Code, title, Encoding.UTF8.GetBytes("氏名,メールアドレス\n石巻 五郎,goro@example.jp\n"));
        var campaignUrl = response.Headers.Location!.OriginalString;
        var token = (await LinksAsync(title))["goro@example.jp"];

        var resident = app.Browser();
        var forged = await resident.GetAsync($"/{s.Tenant.Code}/safety/{new string('0', 48)}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("ページが見つかりません", await forged.Content.ReadAsStringAsync());
        // The right token under another municipality is not found either.
        var other = await app.DisasterTenantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/{other.Tenant.Code}/safety/{token}")).StatusCode);

        var page = await resident.GetPageAsync($"/{s.Tenant.Code}/safety/{token}");
        var detail = await staff.GetPageAsync(campaignUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(detail, new Dictionary<string, string>(), "main form[action*='handler=Close']")).StatusCode);

        response = await resident.SubmitAsync(page, new Dictionary<string, string> { ["Input.Answer"] = "Safe" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("この安否確認は終了しました。回答は受け付けていません。", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().Where(t => t.Email == "goro@example.jp" && t.TenantId == s.Tenant.Id).Select(t => t.AnsweredAt).SingleAsync()));
    }

    [Fact]
    public async Task A_list_with_bad_rows_is_refused_whole_with_each_row_told_and_staff_and_subscribers_can_be_targets()
    {
        var s = await app.DisasterTenantAsync();
        var staff = await app.SignInAsync(s.Composer);
        var response = await StartWithListAsync(staff, s.Tenant.Code, "不正な名簿", Encoding.UTF8.GetBytes("氏名,メールアドレス,電話番号\n,a@example.jp,\n連絡先なし,,\n形式違い,not-mail,\n"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2行目：氏名がありません。", html);
        Assert.Contains("3行目：メールアドレスか電話番号のどちらかが必要です。", html);
        Assert.Contains("4行目：メールアドレスの形式が正しくありません（「not-mail」）。", html);
        Assert.Equal(0, await app.DbAsync(db => db.Set<SafetyCampaign>().IgnoreQueryFilters().CountAsync(c => c.TenantId == s.Tenant.Id)));

        await app.SubscribersAsync(s, 3, $"sc-{Guid.NewGuid():N}-", "古川");
        var page = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/safety");
        response = await staff.PostRepeatedAsync(page, [("Input.Title", "地区の安否確認"), ("Input.Source", "Subscribers"), ("Input.AreaIds", s.Areas["古川"].ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/safety");
        response = await staff.PostRepeatedAsync(page, [("Input.Title", "職員の安否確認"), ("Input.Source", "Staff")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var counts = await app.DbAsync(db => db.Set<SafetyCampaign>().IgnoreQueryFilters().Where(c => c.TenantId == s.Tenant.Id)
            .Select(c => new { c.Title, Targets = db.Set<SafetyTarget>().IgnoreQueryFilters().Count(t => t.CampaignId == c.Id) }).ToListAsync());
        Assert.Equal(3, counts.Single(c => c.Title == "地区の安否確認").Targets);
        Assert.Equal(2, counts.Single(c => c.Title == "職員の安否確認").Targets); // the composer and the approver
    }
}
