using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests;

/// <summary>A tenant admin's first sign-in, from password to TOTP enrolment to managing staff, as a person does it.</summary>
public sealed class StaffPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Axe and the 320 px check run script in the page, so they run with JavaScript on; the
    /// same flow without JavaScript proves the forms need none (no page ships a script yet).
    /// </summary>
    [Theory]
    [InlineData(1280, true)]
    [InlineData(320, true)]
    [InlineData(320, false)]
    public async Task Admin_signs_in_enrols_TOTP_and_manages_staff_with_every_page_accessible(int width, bool javaScript)
    {
        var tenant = await browser.App.TenantAsync();
        var admin = await browser.App.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var page = await browser.NewPageAsync(width, javaScript);
        var suffix = $"{width}{(javaScript ? "" : "-nojs")}";

        await page.GotoAsync("/staff/login");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        // Bad input first: the summary and the field both say what is wrong, and both pass axe.
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("メールアドレスを入力してください。");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"staff-login-errors-{suffix}");

        await page.GetByLabel("メールアドレス").FillAsync(admin.Email);
        await page.GetByLabel("パスワード").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("二要素認証の設定");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"staff-two-factor-{suffix}");
        var key = (await page.Locator("main code").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("確認コード").FillAsync(StaffSession.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "二要素認証を有効にする" }).ClickAsync();
        await Assertions.Expect(page.GetByText("二要素認証は有効です。")).ToBeVisibleAsync();

        await page.GotoAsync($"/{tenant.Code}/staff/members");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("職員の管理");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GetByLabel("メールアドレス").FillAsync($"invitee-{Guid.NewGuid():N}@example.jp");
        await page.GetByLabel("氏名").FillAsync("招待 太郎");
        await page.GetByLabel("課", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "市民課" });
        await page.GetByRole(AriaRole.Button, new() { Name = "招待メールを送る" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("招待メールを送りました");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"staff-members-{suffix}");

        await page.GetByRole(AriaRole.Link, new() { Name = "課の管理" }).ClickAsync();
        await page.GetByLabel("課の名前").FillAsync("危機管理課");
        await page.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "危機管理課", Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"staff-departments-{suffix}");

        await page.GetByRole(AriaRole.Link, new() { Name = "監査証跡" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "改ざんがないか検証する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("改ざんは見つかりませんでした");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"staff-audit-{suffix}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_are_accessible_in_English_too()
    {
        var tenant = await browser.App.TenantAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/culture/en?returnUrl=/{tenant.Code}/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/staff/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Staff sign-in");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("staff-login-en");
    }
}
