using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Procedures;

/// <summary>A resident applies for 罹災証明書 in chromium: every form page, the check page and the receipt pass axe, at 320 px too.</summary>
public sealed class ApplyPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "risai-shoumei";

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Every_step_of_an_application_is_accessible(int width)
    {
        var tenant = await browser.App.TenantAsync();
        await browser.App.OfferAsync(tenant, Key);
        var page = await browser.NewPageAsync(width);

        await page.GotoAsync($"/{tenant.Code}/procedures?q=罹災");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "罹災証明書", Exact = false }).First.ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();

        // Not signed in: the municipality's card sign-in, then back to the procedure.
        await page.GetByLabel("山田 太郎（マイナンバーカードあり）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pages/0$"));

        var pages = TemplateLibrary.Embedded.Find(Key)!.Layout.Pages.Count;
        var formUrl = page.Url;
        for (var i = 0; i < pages; i++)
        {
            await page.GotoAsync(formUrl.Replace("/pages/0", $"/pages/{i}", StringComparison.Ordinal));
            await page.AssertAccessibleAsync();
            await page.AssertNoHorizontalScrollAsync();
        }

        await page.GotoAsync(formUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"apply-errors-{width}");

        var id = Guid.Parse(formUrl.Split('/')[^3]);
        await browser.App.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(Key))));
        await page.GotoAsync(formUrl.Replace("/pages/0", "/check", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("入力内容の確認");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"apply-check-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請を受け付けました");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"apply-receipt-{width}");

        await page.GetByRole(AriaRole.Link, new() { Name = "申請一覧へ" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "受付済み" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }
}
