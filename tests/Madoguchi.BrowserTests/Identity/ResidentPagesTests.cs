using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Identity;

/// <summary>
/// Resident sign-in pages in a real browser, each checked with axe. axe itself needs JavaScript,
/// so JavaScript stays on here; the pages have none, and the HTTP tests post their forms as a
/// browser without JavaScript would.
/// </summary>
public sealed class ResidentPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Card_sign_in_through_the_persona_chooser_is_accessible()
    {
        var tenant = await browser.App.TenantAsync("ブラウザ認証市");
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/{tenant.Code}/account/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("開発用の認証サービス");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("dev-idp-persona-chooser");

        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await Assertions.Expect(page.GetByText("ログインする人を選んでください。").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("山田 太郎（マイナンバーカードあり）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("マイページ");
        await Assertions.Expect(page.GetByText("マイナンバーカード", new() { Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("resident-account");

        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ブラウザ認証市のデジタル窓口");
    }

    [Fact]
    public async Task Cancelled_sign_in_error_page_is_accessible()
    {
        var tenant = await browser.App.TenantAsync("ブラウザ中止市");
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/{tenant.Code}/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "キャンセル" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ログインを中止しました");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Registration_and_password_sign_in_forms_are_accessible_with_errors_at_320px()
    {
        var tenant = await browser.App.TenantAsync("ブラウザ登録市");
        var page = await browser.NewPageAsync(width: 320);

        await page.GotoAsync($"/{tenant.Code}/account/register");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("氏名を入力してください。");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync("resident-register-errors-320");

        await page.GotoAsync($"/{tenant.Code}/account/password-login");
        await page.GetByLabel("メールアドレス").FillAsync("nobody@example.jp");
        await page.GetByLabel("パスワード").FillAsync("wrong-password-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("メールアドレスまたはパスワードが正しくありません。");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
    }
}
