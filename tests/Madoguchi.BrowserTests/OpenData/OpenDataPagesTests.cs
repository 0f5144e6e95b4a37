using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.OpenData;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.OpenData;

/// <summary>
/// The "done when" in chromium: a 危機管理課 publisher uploads a Shift_JIS 指定緊急避難場所
/// CSV, reads the report, uploads the fixed file, publishes; residents find it by 避難 and page
/// through the table. axe at 1280 and 320 px on every page.
/// </summary>
public sealed class OpenDataPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task A_publisher_fixes_and_publishes_an_evacuation_list_that_residents_then_find(int width)
    {
        var tenant = await browser.App.TenantAsync();
        var code = tenant.Code;
        var crisis = new Department { TenantId = tenant.Id, Name = "危機管理課", SortOrder = 2 };
        await browser.App.DbAsync(async db => { db.Add(crisis); await db.SaveChangesAsync(); });
        var publisher = await browser.App.StaffAsync(tenant, (StaffRoleKind.Publisher, crisis.Id));
        var page = await browser.NewPageAsync(width);

        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(publisher.Email);
        await page.GetByLabel("パスワード").FillAsync(publisher.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GotoAsync($"/{code}/staff/opendata");
        await Assertions.Expect(page.GetByText("AED設置箇所一覧")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "データセットを作る" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.Locator("#Input_Title").FillAsync("指定緊急避難場所一覧");
        await page.Locator("#Input_Name").FillAsync("evacuation-spaces");
        await page.Locator("#Input_Tags").FillAsync("防災、避難");
        await page.GetByLabel("準拠する標準データセット").SelectOptionAsync(new SelectOptionValue { Label = "指定緊急避難場所一覧" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("保存しました");

        var bad = OpenDataScenario.ShiftJis.GetBytes(string.Join("\r\n", OpenDataScenario.EvacuationHeader,
            OpenDataScenario.EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "140.8693", "38.2682")) + "\r\n");
        await page.GetByLabel("新しいファイルの名前").FillAsync("指定緊急避難場所一覧");
        await page.Locator("#Upload_File").SetInputFilesAsync(new FilePayload { Name = $"{code}_evacuation_space.csv", MimeType = "text/csv", Buffer = bad });
        await page.GetByRole(AriaRole.Button, new() { Name = "アップロードする" }).ClickAsync();
        await Assertions.Expect(page.GetByText("エラーあり").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "確認の結果：指定緊急避難場所一覧" })).ToContainTextAsync("日本の範囲");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"opendata-report-{width}");

        var good = OpenDataScenario.ShiftJis.GetBytes(string.Join("\r\n", OpenDataScenario.EvacuationHeader,
            OpenDataScenario.EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693"),
            OpenDataScenario.EvacuationRow(code, "002", "南小学校", "ミナミショウガッコウ", "38.25", "140.86")) + "\r\n");
        await page.GetByLabel("どのファイルか").SelectOptionAsync(new SelectOptionValue { Label = "「指定緊急避難場所一覧」の新しい版" });
        await page.Locator("#Upload_File").SetInputFilesAsync(new FilePayload { Name = $"{code}_evacuation_space.csv", MimeType = "text/csv", Buffer = good });
        await page.GetByRole(AriaRole.Button, new() { Name = "アップロードする" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "公開する" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("公開しました");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GotoAsync($"/{code}/opendata");
        await page.GetByLabel("キーワード").FillAsync("避難");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1 件のデータセット" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"opendata-search-{width}");

        await page.GetByRole(AriaRole.Region).GetByRole(AriaRole.Link, new() { Name = "指定緊急避難場所一覧" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("指定緊急避難場所一覧");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "指定緊急避難場所一覧 を表で見る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2 行" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "名称 で並べ替え" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"opendata-table-{width}");

        // The map view: the list of points is there without script; the Leaflet map (tiles are out of
        // reach here) draws the two points from the GeoJSON and opens a popup with the name as a link.
        await page.GetByRole(AriaRole.Link, new() { Name = "地図で見る" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("table.map-points tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-opendata-map]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("path.leaflet-interactive")).ToHaveCountAsync(2);
        await page.Locator("path.leaflet-interactive").First.ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator(".leaflet-popup-content a")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"opendata-map-{width}");

        // API tokens: created, shown once, listed.
        await page.GotoAsync($"/{code}/staff/opendata/tokens");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "トークンを作る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("トークンの名前を入力してください");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("トークンの名前").FillAsync("避難所データの自動更新");
        await page.GetByRole(AriaRole.Button, new() { Name = "トークンを作る" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-token")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^mdg_"));
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "あなたのトークン" })).ToContainTextAsync("避難所データの自動更新");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.Context.CloseAsync();
    }
}
