using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Procedures;

/// <summary>A department's approver builds a small form in chromium: the list, the editor, a field's
/// page and the preview (with its validation messages) pass axe, at 320 px too.</summary>
public sealed class FormBuilderPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task The_builder_and_its_preview_are_accessible(int width)
    {
        var tenant = await browser.App.TenantAsync();
        var approver = await browser.App.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(approver.Email);
        await page.GetByLabel("パスワード").FillAsync(approver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await page.GotoAsync($"/{tenant.Code}/staff/builder");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByLabel("手続名").FillAsync("犬の登録申請");
        await page.GetByLabel("手続のキー").FillAsync("inu-touroku");
        await page.GetByRole(AriaRole.Button, new() { Name = "下書きを作る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("フォームの編集：犬の登録申請");

        await page.GetByText("項目を追加", new() { Exact = true }).ClickAsync();
        await page.Locator("#add-0-0-widget").SelectOptionAsync("Choice");
        await page.Locator("#add-0-0-label").FillAsync("犬の種類");
        await page.Locator("#add-0-0-choices").FillAsync("小型犬\n中型犬\n大型犬");
        await page.Locator("details[open] form").GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("犬の種類");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"builder-editor-{width}");

        await page.GetByRole(AriaRole.Link, new() { Name = "「犬の種類」を編集" }).ClickAsync();
        await page.GetByLabel("必須にする").CheckAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "プレビュー" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("プレビュー");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "入力を確かめる" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"builder-preview-{width}");
        await page.Context.CloseAsync();
    }
}
