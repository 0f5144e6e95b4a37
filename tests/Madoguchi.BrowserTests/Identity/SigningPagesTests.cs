using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity.Signatures;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Identity;

/// <summary>
/// Done-when of issue 4 in chromium: a resident signs a 転出届 with the card through the local
/// signing service, bad signatures are shown refused, and staff see 「署名検証: 有効」 with the
/// signer's basic fields. Every page passes axe at 1280 and 320 px.
/// </summary>
public sealed class SigningPagesTests(SigningBrowserFixture browser) : IClassFixture<SigningBrowserFixture>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Resident_signs_a_moving_out_notice_with_the_app_and_staff_see_it_valid(int width)
    {
        var tenant = await browser.App.TenantAsync();
        await browser.App.OfferAsync(tenant, MovingOut.Key);

        var resident = await browser.NewPageAsync(width);
        await resident.GotoAsync($"/{tenant.Code}/procedures/{MovingOut.Key}");
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        await resident.GetByLabel("山田 太郎（マイナンバーカードあり）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pages/0$"));
        var id = Guid.Parse(resident.Url.Split('/')[^3]);
        await browser.App.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, MovingOut.Sample)));

        // The check page asks for the signature and offers no submit button yet.
        await resident.GotoAsync($"/{tenant.Code}/applications/{id}/check");
        await Assertions.Expect(resident.GetByRole(AriaRole.Alert)).ToContainTextAsync("電子署名が必要です");
        await Assertions.Expect(resident.GetByRole(AriaRole.Button, new() { Name = "申請する" })).ToHaveCountAsync(0);
        await resident.AssertAccessibleAsync();
        await resident.AssertNoHorizontalScrollAsync();
        await resident.GetByRole(AriaRole.Link, new() { Name = "電子署名をする" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("電子署名");
        await resident.AssertAccessibleAsync();
        await resident.AssertNoHorizontalScrollAsync();

        // A garbage file and a revoked card are refused, each with its reason.
        await resident.GetByLabel("署名ファイル（.p7s）").SetInputFilesAsync(new FilePayload { Name = "bad.p7s", MimeType = "application/pkcs7-signature", Buffer = "not a signature"u8.ToArray() });
        await resident.GetByRole(AriaRole.Button, new() { Name = "署名ファイルを確認する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Alert)).ToContainTextAsync("署名ファイルを読み取れません");
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "デジタル認証アプリで署名する" }).ClickAsync();
        await resident.GetByLabel("山田　太郎（失効した証明書）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "署名する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Alert)).ToContainTextAsync("署名用電子証明書は失効しています。");

        // The good card: valid, shown on the sign page.
        await resident.GetByRole(AriaRole.Button, new() { Name = "デジタル認証アプリで署名する" }).ClickAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByLabel("山田　太郎（有効な署名用電子証明書）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "署名する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("署名検証: 有効");
        await Assertions.Expect(resident.GetByRole(AriaRole.Region, new() { Name = "署名検証: 有効" })).ToContainTextAsync("山田　太郎");
        await resident.AssertAccessibleAsync();
        await resident.AssertNoHorizontalScrollAsync();
        await resident.ScreenshotAsync($"sign-resident-{width}");

        await resident.GetByRole(AriaRole.Link, new() { Name = "入力内容の確認へ戻る" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請を受け付けました");

        // Staff: the verification with the signer's basic fields, and a re-verification.
        var reviewer = await browser.App.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var staff = await browser.NewPageAsync(width);
        await staff.GotoAsync("/staff/login");
        await staff.GetByLabel("メールアドレス").FillAsync(reviewer.Email);
        await staff.GetByLabel("パスワード").FillAsync(reviewer.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await staff.GotoAsync($"/{tenant.Code}/staff/applications/{id}");
        var signature = staff.GetByRole(AriaRole.Region, new() { Name = "電子署名" });
        await Assertions.Expect(signature).ToContainTextAsync("署名検証: 有効");
        await Assertions.Expect(signature).ToContainTextAsync("山田　太郎");
        await Assertions.Expect(signature).ToContainTextAsync("宮城県塩竈市旭町1番1号");
        await Assertions.Expect(signature.GetByRole(AriaRole.Row, new() { Name = "氏名" })).ToContainTextAsync("一致");
        await staff.AssertAccessibleAsync();
        await staff.AssertNoHorizontalScrollAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "署名を再検証する" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("署名を再検証しました（署名検証: 有効）。");
        await staff.ScreenshotAsync($"sign-staff-{width}");

        await staff.Context.CloseAsync();
        await resident.Context.CloseAsync();
    }
}
