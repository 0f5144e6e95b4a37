using Madoguchi.BrowserTests.Infrastructure;
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
}
