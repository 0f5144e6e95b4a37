using Madoguchi.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Procedures;

/// <summary>
/// Issue 3's whole journey in chromium on the demo installation: a resident of 石巻市 notifies a
/// pregnancy over several pages, leaves and resumes, submits and gets a 到達番号; 健康推進課 asks
/// for a correction, the resident corrects, staff approve, and the resident downloads the notice.
/// </summary>
public sealed class PregnancyNotificationJourneyTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    private const string Ishinomaki = "042021";

    [Fact]
    public async Task A_resident_notifies_a_pregnancy_online_and_receives_the_decision()
    {
        var resident = await browser.NewPageAsync(320);

        // Find it with a two-character term and start with the card.
        await resident.GotoAsync($"/{Ishinomaki}/procedures?q=妊娠");
        await resident.GetByRole(AriaRole.Link, new() { Name = "妊娠の届出" }).First.ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        await resident.GetByLabel("佐藤 花子（マイナンバーカードあり）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();

        // A card resident has no e-mail from the card: she registers one so the receipt is mailed.
        await resident.GotoAsync($"/{Ishinomaki}/account/email");
        await resident.GetByLabel("メールアドレス").FillAsync(Mailbox);
        await resident.GetByRole(AriaRole.Button, new() { Name = "確認メールを送る" }).ClickAsync();
        var verify = await MailAsync("メールアドレスの確認");
        await resident.GotoAsync(System.Text.RegularExpressions.Regex.Match(verify.TextBody, @"https?://\S+").Value);
        await resident.GetByRole(AriaRole.Button, new() { Name = "メールアドレスを確認する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("メールアドレスを確認しました");
        await resident.GotoAsync($"/{Ishinomaki}/procedures/ninshin-todoke");
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();

        // Page 1: the pregnant resident.
        await Field(resident, "/name").FillAsync("佐藤 花子");
        await Field(resident, "/nameKana").FillAsync("サトウ ハナコ");
        await Date(resident, "/birthDate", "平成", "4", "7", "15");
        await Field(resident, "/myNumber").FillAsync(ValidMyNumber);
        await Field(resident, "/postalCode").FillAsync("986-0826");
        await Field(resident, "/address").FillAsync("宮城県石巻市鋳銭場1番1号");
        await Field(resident, "/phone").FillAsync("0225-95-1111");
        await resident.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pages/1$"));

        // Page 2, then leave the site.
        await Field(resident, "/pregnancy/weeks").FillAsync("9");
        await Date(resident, "/pregnancy/dueDate", "令和", "9", "6", "20");
        await Field(resident, "/pregnancy/institution").FillAsync("石巻赤十字病院");
        await Choice(resident, "/pregnancy/firstPregnancy", "はい");
        await Choice(resident, "/pregnancy/multiple", "いいえ");
        await resident.GetByRole(AriaRole.Button, new() { Name = "一時保存" }).ClickAsync();
        await resident.GotoAsync($"/{Ishinomaki}");

        // Resume from the application list: the third page is where it stopped.
        await resident.GotoAsync($"/{Ishinomaki}/account/applications");
        await resident.GetByRole(AriaRole.Link, new() { Name = "妊娠の届出（続きを入力）" }).ClickAsync();
        await Assertions.Expect(Field(resident, "/pregnancy/institution")).ToHaveValueAsync("石巻赤十字病院");
        await resident.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await Choice(resident, "/survey/smoking", "吸わない");
        await Choice(resident, "/survey/householdSmoking", "いない");
        await Choice(resident, "/survey/drinking", "飲まない");
        await resident.GetByRole(AriaRole.Button, new() { Name = "入力内容の確認へ" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("入力内容の確認");
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請を受け付けました");
        var receipt = (await resident.Locator(".receipt-number").TextContentAsync())!.Trim();
        Assert.Matches(@"^\d{4}-\d{7}$", receipt);
        await resident.ScreenshotAsync("journey-receipt-320");
        Assert.Contains(receipt, (await MailAsync("申請を受け付けました")).Subject);

        // 健康推進課 finds it in its queue and asks for a correction.
        var staff = await browser.NewPageAsync(1280);
        var (email, password) = browser.FirstLogin("kenko@ishinomaki.example.jp");
        await staff.GotoAsync("/staff/login");
        await staff.GetByLabel("メールアドレス").FillAsync(email);
        await staff.GetByLabel("パスワード").FillAsync(password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await staff.GotoAsync($"/{Ishinomaki}/staff/applications");
        await staff.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await staff.GetByLabel("申請者へのお願い").FillAsync("出産予定日を母子健康手帳の交付前の診断書のとおりに直してください。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "補正を依頼する" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".case-status")).ToHaveTextAsync("補正のお願い");
        await staff.AssertAccessibleAsync();
        await MailAsync("補正のお願い");

        // The resident corrects the due date and resubmits under the same number.
        await resident.GotoAsync($"/{Ishinomaki}/account/applications");
        await resident.GetByRole(AriaRole.Link, new() { Name = "妊娠の届出" }).First.ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "補正のお願い" })).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator(".correction-text")).ToContainTextAsync("診断書のとおりに直してください");
        await resident.GetByRole(AriaRole.Link, new() { Name = "申請内容を修正する" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await Date(resident, "/pregnancy/dueDate", "令和", "9", "6", "27");
        await resident.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "入力内容の確認へ" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "再提出する" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".case-status")).ToHaveTextAsync("審査中");

        // Staff see the corrected date and approve; the resident downloads the notice.
        await staff.ReloadAsync();
        await Assertions.Expect(staff.GetByText("令和9年6月27日")).ToBeVisibleAsync();
        await staff.GetByLabel("理由・付記事項").FillAsync("母子健康手帳は健康推進課の窓口でお渡しします。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "承認する" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".case-status")).ToHaveTextAsync("承認");
        await staff.ScreenshotAsync("journey-staff-decided-1280");

        await resident.ReloadAsync();
        await Assertions.Expect(resident.Locator(".case-status")).ToHaveTextAsync("承認");
        await resident.AssertAccessibleAsync();
        await resident.ScreenshotAsync("journey-resident-decided-320");
        var notice = await resident.Context.APIRequest.GetAsync(
            (await resident.GetByRole(AriaRole.Link, new() { Name = "決定通知書（PDF）をダウンロード" }).GetAttributeAsync("href"))!);
        Assert.Equal("application/pdf", notice.Headers["content-type"]);
        var text = Madoguchi.Tests.Procedures.Notices.PdfText.Of(await notice.BodyAsync());
        Assert.Contains("妊娠の届出 決定通知書", text);
        Assert.Contains("佐藤 花子 様", text);
        Assert.Contains(receipt, text);
        Assert.Contains(receipt, (await MailAsync("審査結果のお知らせ")).Subject);
        await resident.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    private const string Mailbox = "hanako.sato@example.jp";

    /// <summary>The newest mail to the resident whose subject contains <paramref name="subject"/>, waiting for it briefly.</summary>
    private async Task<Madoguchi.Platform.Mail.OutboxMail> MailAsync(string subject)
    {
        for (var i = 0; ; i++)
        {
            var mail = await browser.App.DbAsync(db => db.Set<Madoguchi.Platform.Mail.OutboxMail>().AsNoTracking()
                .Where(m => m.To == Mailbox && m.Subject.Contains(subject)).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync());
            if (mail is not null || i == 20)
            {
                return mail ?? throw new Xunit.Sdk.XunitException($"No mail to {Mailbox} with 「{subject}」.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A 12-digit 個人番号 whose last digit is the check digit of the first eleven.</summary>
    private static string ValidMyNumber
    {
        get
        {
            const string body = "12345678901";
            var sum = 0;
            for (var n = 1; n <= 11; n++)
            {
                var p = body[11 - n] - '0';
                var q = n <= 6 ? n + 1 : n - 5;
                sum += p * q;
            }

            var rest = sum % 11;
            return body + (rest <= 1 ? 0 : 11 - rest);
        }
    }

    private static ILocator Field(IPage page, string pointer) => page.Locator($"[name='{pointer}']");

    private static async Task Date(IPage page, string pointer, string era, string year, string month, string day)
    {
        await page.Locator($"select[name='{pointer}:era']").SelectOptionAsync(era);
        await page.Locator($"[name='{pointer}:year']").FillAsync(year);
        await page.Locator($"[name='{pointer}:month']").FillAsync(month);
        await page.Locator($"[name='{pointer}:day']").FillAsync(day);
    }

    private static Task Choice(IPage page, string pointer, string value) =>
        page.Locator($"input[name='{pointer}'][value='{value}']").CheckAsync();
}
