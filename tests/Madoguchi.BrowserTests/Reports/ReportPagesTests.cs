using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Reports;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Reports;

/// <summary>A resident reports a pothole with a photo in chromium, sees a nearby duplicate suggested, and the public list: axe at 1280 and 320 px.</summary>
public sealed class ReportPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Reporting_with_a_photo_and_the_public_list_are_accessible(int width)
    {
        var s = await browser.App.ReportingTenantAsync();
        var code = s.Tenant.Code;
        var page = await browser.NewPageAsync(width);

        await page.GotoAsync($"/{code}/reports/new");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "道路・側溝の損傷" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("報告する：道路・側溝の損傷");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        // Sent empty: messages at the fields and in the summary.
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"report-errors-{width}");

        // A pothole at the city hall, chosen from the list, with a photo.
        await page.GetByLabel("どのような状態ですか").FillAsync("歩道に大きな穴があいている");
        await page.GetByLabel("近くの公共施設から選ぶ").SelectOptionAsync(new SelectOptionValue { Label = "テスト市役所" });
        await page.GetByLabel("注意が必要").CheckAsync();
        await page.GetByLabel("写真（任意）").SetInputFilesAsync(new FilePayload { Name = "pothole.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps(38.5771, 140.9557) });
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("報告を受け付けました");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "報告された写真 1" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"report-detail-{width}");

        // A second resident at the same place is shown the first report before sending.
        await page.GotoAsync($"/{code}/reports/new/{ReportScenario.Category}");
        await page.GetByLabel("どのような状態ですか").FillAsync("歩道に穴があいています");
        await page.GetByLabel("近くの公共施設から選ぶ").SelectOptionAsync(new SelectOptionValue { Label = "テスト市役所" });
        await page.GetByLabel("すぐに危ない").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "近くに同じ種類の報告があります" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("内容も似ています").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"report-duplicates-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("報告を受け付けました");

        await page.GotoAsync($"/{code}/reports");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2 件" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"report-list-{width}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Triage_queue_and_report_page_are_accessible(int width)
    {
        var s = await browser.App.ReportingTenantAsync();
        var code = s.Tenant.Code;
        var reviewer = await browser.App.StaffAsync(s.Tenant, (StaffRoleKind.Reviewer, s.Tenant.DepartmentId));
        var page = await browser.NewPageAsync(width);

        // Two reports 10 m apart, so the page offers a merge.
        foreach (var (description, lat) in new[] { ("歩道に大きな穴があいている", ReportScenario.InsideLat), ("歩道に穴があいています", ReportScenario.InsideLat + 0.0001) })
        {
            await page.GotoAsync($"/{code}/reports/new/{ReportScenario.Category}");
            await page.GetByLabel("どのような状態ですか").FillAsync(description);
            await page.GetByLabel("緯度").FillAsync(lat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("経度").FillAsync(ReportScenario.InsideLon.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("注意が必要").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
            if (await page.GetByRole(AriaRole.Heading, new() { Name = "近くに同じ種類の報告があります" }).CountAsync() > 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
            }

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("報告を受け付けました");
        }

        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(reviewer.Email);
        await page.GetByLabel("パスワード").FillAsync(reviewer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GotoAsync($"/{code}/staff/reports");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2 件" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "道路・側溝の損傷" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "近くの同じ種類の報告（重複の候補）" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "状態を変更する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GetByLabel("対応中").CheckAsync();
        await page.GetByLabel("住民へのお知らせ（公開）").FillAsync("現地を確認します。");
        await page.GetByRole(AriaRole.Button, new() { Name = "状態を変更する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("状態を変更し");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"report-triage-{width}");
        await page.Context.CloseAsync();
    }
}
