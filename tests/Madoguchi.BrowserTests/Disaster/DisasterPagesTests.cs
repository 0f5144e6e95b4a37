using System.Text.RegularExpressions;
using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Disaster;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Disaster;

/// <summary>
/// The issue's Done-when in chromium at 320 px, axe on every page: 危機管理課 issues a 避難指示 for two
/// 地区, a second member approves, the delivery progress shows them queued once; a shelter is opened
/// from a phone and shows on the public page and its map; a safety campaign reaches a list, two people answer,
/// the non-responders list shows the rest and a follow-up call is recorded.
/// </summary>
public sealed partial class DisasterPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/safety/([0-9a-f]{48})")]
    private static partial Regex PersonalLink();

    private async Task<IPage> SignedInAsync(TestData.StaffInfo staff)
    {
        var page = await browser.NewPageAsync(320);
        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(staff.Email);
        await page.GetByLabel("パスワード").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        return page;
    }

    private static async Task CheckAsync(IPage page)
    {
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
    }

    [Fact]
    public async Task Notice_shelter_and_safety_check_at_320_px()
    {
        var app = browser.App;
        var s = await app.DisasterTenantAsync();
        var code = s.Tenant.Code;
        await app.SubscribersAsync(s, 3, $"furukawa-{Guid.NewGuid():N}-", "古川");
        await app.SubscribersAsync(s, 2, $"matsuyama-{Guid.NewGuid():N}-", "松山");
        await app.SubscribersAsync(s, 2, $"kashimadai-{Guid.NewGuid():N}-", "鹿島台");
        await app.DbAsync(async db =>
        {
            db.Add(new Shelter { TenantId = s.Tenant.Id, Code = "0001", Name = "古川第一小学校", Address = "宮城県大崎市古川三日町1-1", Capacity = 300, Latitude = 38.5745, Longitude = 140.9510 });
            await db.SaveChangesAsync();
        });

        // 危機管理課 writes a 避難指示 for 古川 and 松山.
        var composer = await SignedInAsync(s.Composer);
        await composer.GotoAsync($"/{code}/staff/disaster");
        await CheckAsync(composer);
        await composer.GetByRole(AriaRole.Link, new() { Name = "避難情報を作成する" }).ClickAsync();
        await CheckAsync(composer);
        await composer.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(composer.GetByRole(AriaRole.Alert)).ToContainTextAsync("区分を選んでください。");
        await CheckAsync(composer);
        await composer.GetByLabel("警戒レベル4 避難指示").CheckAsync();
        await composer.GetByLabel("件名").FillAsync("大雨による避難指示");
        await composer.GetByLabel("古川（登録者 3 人）").CheckAsync();
        await composer.GetByLabel("松山（登録者 2 人）").CheckAsync();
        await composer.GetByLabel("本文（日本語）").FillAsync("直ちに最寄りの避難所へ避難してください。");
        await composer.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(composer.GetByText("このお知らせは、作成者以外の危機管理課の決裁者が承認すると送信されます。")).ToBeVisibleAsync();
        await CheckAsync(composer);
        var noticeUrl = composer.Url;

        // A second member approves; every subscriber of the two areas is queued once.
        var approver = await SignedInAsync(s.Approver);
        await approver.GotoAsync(noticeUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "承認して送信する" }).ClickAsync();
        await Assertions.Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("5 件を配信待ちにしました。");
        await Assertions.Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "配信状況" })).ToBeVisibleAsync();
        await CheckAsync(approver);

        // The shelter is opened from a phone and shows on the public page.
        await composer.GotoAsync($"/{code}/staff/disaster/shelters");
        await CheckAsync(composer);
        await composer.GetByRole(AriaRole.Link, new() { Name = "古川第一小学校" }).ClickAsync();
        await CheckAsync(composer);
        await composer.GetByLabel("開設", new() { Exact = true }).CheckAsync();
        await composer.GetByLabel("混雑", new() { Exact = true }).CheckAsync();
        await composer.GetByLabel("メモ（住民に公開されます）").FillAsync("毛布あり");
        await composer.GetByRole(AriaRole.Button, new() { Name = "更新する" }).ClickAsync();
        await Assertions.Expect(composer.GetByRole(AriaRole.Status)).ToContainTextAsync("更新しました。");

        var resident = await browser.NewPageAsync(320, javaScript: false);
        await resident.GotoAsync($"/{code}/shelters");
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "開設中の避難所（1 か所）" })).ToBeVisibleAsync();
        await Assertions.Expect(resident.GetByText("古川第一小学校", new() { Exact = true })).ToBeVisibleAsync();
        await CheckAsync(resident);

        // With JavaScript the map shows it above the list, its state in words; the popup links to its row.
        var visitor = await browser.NewPageAsync(320);
        await visitor.GotoAsync($"/{code}/shelters");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Region, new() { Name = "避難所の地図" })).ToBeVisibleAsync();
        var marker = visitor.Locator(".shelter-marker span", new() { HasText = "開設・混雑" });
        await Assertions.Expect(marker).ToHaveCountAsync(1);
        await marker.ClickAsync();
        var popup = visitor.Locator(".leaflet-popup-content");
        await Assertions.Expect(popup).ToContainTextAsync("毛布あり");
        await Assertions.Expect(popup.GetByRole(AriaRole.Link, new() { Name = "古川第一小学校" })).ToHaveAttributeAsync("href", new Regex("^#shelter-[0-9a-f]{32}$"));
        await Assertions.Expect(visitor.Locator(".leaflet-control-attribution a", new() { HasText = "地理院タイル" })).ToBeVisibleAsync();
        await CheckAsync(visitor);
        await visitor.ScreenshotAsync("disaster-shelter-map-320");
        await resident.GotoAsync($"/{code}/disaster");
        await Assertions.Expect(resident.GetByText("【警戒レベル4 避難指示】大雨による避難指示")).ToBeVisibleAsync();
        await CheckAsync(resident);
        await resident.GotoAsync($"/{code}/disaster/subscribe");
        await CheckAsync(resident);

        // A safety campaign reaches a list of three; two answer.
        await composer.GotoAsync($"/{code}/staff/disaster/safety");
        await CheckAsync(composer);
        await composer.GetByLabel("件名").FillAsync("大雨の安否確認");
        await composer.GetByLabel("名簿（避難行動要支援者名簿など、同意を得た人）").CheckAsync();
        await composer.GetByLabel("名簿のCSV（名簿を対象にするとき）").SetInputFilesAsync(new FilePayload
        {
            Name = "youshienja.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("氏名,メールアドレス,電話番号,地区\n大崎 一郎,ichiro-b@example.jp,0229-11-1111,古川\n大崎 花子,hanako-b@example.jp,0229-22-2222,松山\n鳴子 三郎,saburo-b@example.jp,0229-33-3333,鳴子\n"),
        });
        await composer.GetByRole(AriaRole.Button, new() { Name = "安否確認を始める" }).ClickAsync();
        await Assertions.Expect(composer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("大雨の安否確認");
        var campaignUrl = composer.Url;

        var mails = await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().Where(m => m.Subject.Contains("大雨の安否確認")).ToListAsync());
        string Token(string to) => PersonalLink().Match(mails.Single(m => m.To == to).TextBody).Groups[1].Value;
        await resident.GotoAsync($"/{code}/safety/{Token("ichiro-b@example.jp")}");
        await CheckAsync(resident);
        await resident.GetByLabel("無事").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "回答を送る" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("回答を受け付けました。");
        await CheckAsync(resident);
        await resident.GotoAsync($"/{code}/safety/{Token("hanako-b@example.jp")}");
        await resident.GetByLabel("避難所にいる", new() { Exact = true }).CheckAsync();
        await resident.GetByLabel("いる避難所（避難所にいるとき）").SelectOptionAsync(new SelectOptionValue { Label = "古川第一小学校" });
        await resident.GetByRole(AriaRole.Button, new() { Name = "回答を送る" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("回答を受け付けました。");

        // The non-responders list shows the rest; a follow-up call is recorded.
        await composer.GotoAsync(campaignUrl);
        await Assertions.Expect(composer.GetByRole(AriaRole.Heading, new() { Name = "未回答の人（1 人）" })).ToBeVisibleAsync();
        await Assertions.Expect(composer.GetByRole(AriaRole.Heading, new() { Name = "鳴子 三郎" })).ToBeVisibleAsync();
        await CheckAsync(composer);
        await composer.GetByLabel("電話の結果", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "本人と話せた（無事）" });
        await composer.GetByLabel("メモ", new() { Exact = true }).FillAsync("自宅で無事");
        await composer.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await Assertions.Expect(composer.GetByRole(AriaRole.Status)).ToContainTextAsync("電話の結果を記録しました。");
        await Assertions.Expect(composer.GetByText("本人と話せた（無事）：自宅で無事")).ToBeVisibleAsync();
        await CheckAsync(composer);
        await composer.ScreenshotAsync("disaster-safety-320");
    }
}
