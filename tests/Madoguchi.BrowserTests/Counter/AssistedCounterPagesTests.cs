using System.Text.Json;
using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Counter;

/// <summary>
/// Issue 5, "Done when" (書かない窓口): at the counter, staff start a 転出届 for a visitor from the card
/// reader's JSON with everything known prefilled, the visitor confirms on the large-text screen, and
/// staff submit it into the queue. axe on every page, at 1280 and 320 px.
/// </summary>
public sealed class AssistedCounterPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Card = JsonSerializer.Serialize(new
    {
        version = 1, name = "青葉　太郎", nameKana = "アオバ　タロウ", address = "宮城県塩竈市旭町1丁目1番1号", birthDate = "1985-04-12", gender = "男",
        postalCode = "985-0111", validUntil = "2035-04-12",
    });

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Staff_fill_a_moving_out_notification_from_card_json_and_submit_it_after_the_visitor_confirms(int width)
    {
        var tenant = await browser.App.TenantAsync();
        await browser.App.OfferAsync(tenant, "tenshutsu-tennyu-yoyaku");
        var staff = await browser.App.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(staff.Email);
        await page.GetByLabel("パスワード").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await page.GotoAsync($"/{tenant.Code}/staff/counter/assisted");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("窓口受付（書かない窓口）");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        // Bad data first: a Japanese message at the field and in the summary.
        await page.GetByLabel("マイナンバーカードの読取データ（JSON）").FillAsync("{\"name\":");
        await page.GetByRole(AriaRole.Button, new() { Name = "カードの情報で本人確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("JSONの形式ではありません");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("マイナンバーカードの読取データ（JSON）").FillAsync(Card);
        await page.GetByRole(AriaRole.Button, new() { Name = "カードの情報で本人確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByText("昭和60年4月12日")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"counter-identified-{width}");
        await page.GetByLabel("転出届・転入予約").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "聞き取りを始める" }).ClickAsync();

        // The interview: what the card says is already there.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("引越しの内容");
        await Assertions.Expect(page.GetByLabel("現在の住所")).ToHaveValueAsync("宮城県塩竈市旭町1丁目1番1号");
        await Assertions.Expect(page.Locator("[name='/movers/0/name']")).ToHaveValueAsync("青葉　太郎");
        await Assertions.Expect(page.Locator("[name='/movers/0/nameKana']")).ToHaveValueAsync("アオバ　タロウ");
        await Assertions.Expect(page.Locator("[name='/movers/0/birthDate:year']")).ToHaveValueAsync("60");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"counter-interview-{width}");
        await page.GetByLabel("電話番号").FillAsync("022-364-1111");
        await FillDateAsync(page, "/moveDate", 2027, 3, 20);
        await page.GetByLabel("引越し先の郵便番号").FillAsync("980-0011");
        await page.GetByLabel("引越し先の住所").FillAsync("宮城県仙台市青葉区上杉1丁目1番1号");
        await page.GetByLabel("引越し先での世帯主の氏名").FillAsync("青葉　太郎");
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("転入の予約");
        await FillDateAsync(page, "/visitDate", 2027, 3, 25);
        await page.Locator("[name='/confirmMoveIn']").CheckAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "来庁者の確認へ" }).ClickAsync();

        // The visitor's screen: large text, everything read back, one button.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("青葉　太郎 さん、申請の内容を確かめてください");
        await Assertions.Expect(page.GetByText("宮城県仙台市青葉区上杉1丁目1番1号")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync($"counter-visitor-confirms-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "はい、この内容で申請します" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("来庁者が内容を確認しました");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を登録する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("申請を登録しました");
        var number = await browser.App.DbAsync(db => db.Set<Application>().IgnoreQueryFilters()
            .Where(a => a.TenantId == tenant.Id && a.Channel == ApplicationChannel.Counter && a.Status == ApplicationStatus.Submitted)
            .Select(a => a.ReceiptNumber!).SingleAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = number })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"counter-submitted-{width}");

        // In the department's queue with the online ones, marked 窓口.
        await page.GotoAsync($"/{tenant.Code}/staff/applications");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync("窓口");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task The_desk_admin_page_is_accessible(int width)
    {
        var tenant = await browser.App.TenantAsync();
        var admin = await browser.App.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var key = await browser.App.EnableTotpAsync(admin);
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(admin.Email);
        await page.GetByLabel("パスワード").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード").FillAsync(StaffSession.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();

        await page.GotoAsync($"/{tenant.Code}/staff/counter/desks");
        await page.GetByRole(AriaRole.Button, new() { Name = "キーを発行する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("窓口の名前を100文字以内で入力してください。");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("窓口の名前").FillAsync("市民課 1番窓口");
        await page.GetByRole(AriaRole.Button, new() { Name = "キーを発行する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新しい窓口のキー" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.Context.CloseAsync();
    }

    private static async Task FillDateAsync(IPage page, string pointer, int year, int month, int day)
    {
        await page.Locator($"[name='{pointer}:era']").SelectOptionAsync("西暦");
        await page.Locator($"[name='{pointer}:year']").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"[name='{pointer}:month']").FillAsync(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"[name='{pointer}:day']").FillAsync(day.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
