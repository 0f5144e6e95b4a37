using System.Text;
using System.Text.RegularExpressions;
using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Payments;
using Madoguchi.Tests.Procedures.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Payments;

/// <summary>The app paying through its real Stripe client against the local Stripe-compatible server on Kestrel.</summary>
public sealed class PaymentsBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public PaymentsBrowserFixture()
    {
        Stripe = new LocalStripeHost();
        App.With("Payments:StripeBaseUrl", Stripe.BaseAddress.ToString())
            .With("Payments:StripeSecretKey", Stripe.State.SecretKey)
            .With("Payments:StripeWebhookSecret", Stripe.State.WebhookSecret);
        // The provider posts its signed events back to this host over HTTP, as Stripe would.
        Stripe.State.WebhookUrl = new Uri(App.BaseAddress, "/payments/webhooks/stripe").ToString();
    }

    public LocalStripeHost Stripe { get; }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>
/// Issue 8 "Done when" in chromium: a resident applies for 住民票の写し, 2 copies, pays 600円 by typing
/// a card on the provider's hosted page (a declined card first, then the 3-D Secure test card) and
/// downloads the 領収書 PDF; a replayed webhook changes nothing;
/// staff record a cashless counter payment; the reconciliation page shows the one planted mismatch
/// and nothing else. axe WCAG 2.1 A/AA on every page of ours and on the provider's card page; the pay
/// page, the card page and the account's application page at 320 px too.
/// </summary>
public sealed partial class PaymentPagesTests(PaymentsBrowserFixture browser) : IClassFixture<PaymentsBrowserFixture>
{
    [GeneratedRegex("/applications/([0-9a-f-]{36})/")]
    private static partial Regex ApplicationIdInUrl();

    private MadoguchiApp App => browser.App;

    [Fact]
    public async Task A_fee_is_paid_online_once_recorded_at_the_counter_and_reconciled()
    {
        var tenant = await App.TenantAsync();
        await App.OfferAsync(tenant, PaymentFlow.Key);
        var resident = await browser.NewPageAsync();

        // The resident signs in with the card (development identity provider) and fills the form.
        await resident.GotoAsync($"/{tenant.Code}/procedures/{PaymentFlow.Key}");
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        await resident.GetByLabel("山田 太郎（マイナンバーカードあり）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        var online = await FillAsync(resident, copies: 2);

        // The check page shows the fee and leads to the pay page instead of submitting.
        await Assertions.Expect(resident.Locator(".fee-total")).ToHaveTextAsync("600円");
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Link, new() { Name = "手数料を支払う" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("手数料のお支払い");
        await Assertions.Expect(resident.Locator(".fee-total")).ToHaveTextAsync("600円");
        await CheckAtBothWidthsAsync(resident, "payments-pay");

        // The provider's hosted card page: the resident types a card there. A declined card is told on
        // that page; the resident then types the 3-D Secure test card and authenticates on the issuer's page.
        await resident.GetByRole(AriaRole.Button, new() { Name = "お支払いへ進む（600円）" }).ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new Regex("^" + Regex.Escape(browser.Stripe.BaseAddress.ToString().TrimEnd('/')) + "/checkout/cs_"));
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("カードでのお支払い");
        await CheckAtBothWidthsAsync(resident, "payments-provider-card");
        await TypeCardAsync(resident, PaymentFlow.DeclinedCard);
        await Assertions.Expect(resident.Locator(".declined")).ToContainTextAsync("カードが承認されませんでした");
        await resident.AssertAccessibleAsync();
        await resident.ScreenshotAsync("payments-provider-declined");
        await TypeCardAsync(resident, "4242 4242 4242 4241");
        await Assertions.Expect(resident.Locator("#cardnumber-error")).ToContainTextAsync("カード番号が正しくありません");
        await resident.AssertAccessibleAsync();
        await TypeCardAsync(resident, PaymentFlow.ThreeDSecureCard);
        await Assertions.Expect(resident).ToHaveURLAsync(new Regex("^" + Regex.Escape(browser.Stripe.BaseAddress.ToString().TrimEnd('/')) + "/3ds/"));
        await resident.GetByRole(AriaRole.Button, new() { Name = "認証する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("お支払いが完了しました");
        await Assertions.Expect(resident.Locator(".payment-amount")).ToHaveTextAsync("600円");
        await Assertions.Expect(resident.Locator(".receipt-number")).ToHaveTextAsync(new Regex(@"\S"));
        await resident.AssertAccessibleAsync();
        await resident.ScreenshotAsync("payments-return");

        // The 領収書 PDF: municipality, item and amount.
        var download = await resident.RunAndWaitForDownloadAsync(() => resident.GetByRole(AriaRole.Link, new() { Name = "領収書（PDF）" }).ClickAsync());
        var text = Regex.Replace(PdfText.Of(await File.ReadAllBytesAsync((await download.PathAsync())!)), @"\s+", "");
        Assert.Contains("領収書", text);
        Assert.Contains(tenant.Name, text);
        Assert.Contains("住民票の写し", text);
        Assert.Contains("600円", text);

        // The account: the payment with its receipt link, and the application page (also at 320 px).
        await resident.GotoAsync($"/{tenant.Code}/account/payments");
        await Assertions.Expect(resident.GetByRole(AriaRole.Link, new() { Name = "領収書（PDF）" }).First).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await resident.GotoAsync($"/{tenant.Code}/account/applications/{online}");
        await CheckAtBothWidthsAsync(resident, "payments-account-application");

        // The provider's webhook for the success arrives; replayed, it changes nothing.
        await browser.Stripe.State.DeliveredAsync();
        var paid = await PaymentAsync(online);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(600, paid.AmountYen);
        var succeeded = browser.Stripe.State.EventsSent.Last(e =>
            e.Payload.Contains(paid.ProviderPaymentId!, StringComparison.Ordinal) && e.Payload.Contains("payment_intent.succeeded", StringComparison.Ordinal));
        var countBefore = await PaymentCountAsync(tenant);
        using (var again = await browser.Stripe.State.ResendAsync(succeeded.Id))
        {
            Assert.True(again.IsSuccessStatusCode);
            Assert.Contains("duplicate", await again.Content.ReadAsStringAsync());
        }

        var afterReplay = await PaymentAsync(online);
        Assert.Equal(countBefore, await PaymentCountAsync(tenant));
        Assert.Equal((paid.AmountYen, paid.Status, paid.Version, paid.PaidAt), (afterReplay.AmountYen, afterReplay.Status, afterReplay.Version, afterReplay.PaidAt));

        // A second application, 1 copy, to be paid at the counter.
        await resident.GotoAsync($"/{tenant.Code}/procedures/{PaymentFlow.Key}");
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        var atCounter = await FillAsync(resident, copies: 1);
        await Assertions.Expect(resident.Locator(".fee-total")).ToHaveTextAsync("300円");
        await resident.Context.CloseAsync();

        // Counter staff record the terminal slip.
        var clerk = await App.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var desk = await browser.NewPageAsync();
        await desk.GotoAsync("/staff/login");
        await desk.GetByLabel("メールアドレス").FillAsync(clerk.Email);
        await desk.GetByLabel("パスワード").FillAsync(clerk.Password);
        await desk.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await desk.GotoAsync($"/{tenant.Code}/staff/payments/counter");
        await desk.AssertAccessibleAsync();
        var transaction = "TX-" + Guid.NewGuid().ToString("N")[..10];
        await desk.GetByLabel("到達番号").FillAsync(atCounter.ToString());
        await desk.GetByLabel("決済手段").SelectOptionAsync("クレジットカード");
        await desk.GetByLabel("端末ID").FillAsync("T-02");
        await desk.GetByLabel("取引番号").FillAsync(transaction);
        await desk.GetByLabel("金額（円）").FillAsync("300");
        await desk.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("/staff/payments/[0-9a-f-]{36}$"));
        await desk.AssertAccessibleAsync();
        await desk.ScreenshotAsync("payments-counter-recorded");
        var counter = await PaymentAsync(atCounter);
        Assert.Equal((PaymentProvider.CounterTerminal, PaymentStatus.Succeeded, 300L, "T-02"), (counter.Provider, counter.Status, counter.AmountYen, counter.TerminalId));
        Assert.Equal(ApplicationStatus.Submitted, await App.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == atCounter).Select(a => a.Status).SingleAsync()));
        await desk.Context.CloseAsync();

        // 会計課: the provider's report (the online charge plus one charge nobody here knows of) and
        // the terminal's journal are imported; exactly the planted line is a mismatch.
        var planted = "pi_planted" + Guid.NewGuid().ToString("N")[..12];
        browser.Stripe.State.PlantSettlementLine(planted, 300, Guid.NewGuid().ToString());
        using var http = new HttpClient();
        var report = (await http.GetStringAsync(new Uri(browser.Stripe.BaseAddress, "/reports/settlement.csv"))).Split('\n');
        var settlement = string.Join('\n', report.Take(1).Concat(report.Skip(1).Where(l =>
            l.Contains(paid.ProviderPaymentId!, StringComparison.Ordinal) || l.Contains(planted, StringComparison.Ordinal)))) + "\n";
        Assert.Equal(3, settlement.Trim().Split('\n').Length);
        var journal = $"取引日時,端末ID,取引番号,決済手段,金額,区分\n{DateTime.UtcNow.AddHours(9):yyyy-MM-dd HH:mm:ss},T-02,{transaction},クレジットカード,300,売上\n";

        var adminStaff = await App.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var key = await App.EnableTotpAsync(adminStaff);
        var accounting = await browser.NewPageAsync();
        await accounting.GotoAsync("/staff/login");
        await accounting.GetByLabel("メールアドレス").FillAsync(adminStaff.Email);
        await accounting.GetByLabel("パスワード").FillAsync(adminStaff.Password);
        await accounting.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await accounting.GetByLabel("確認コード").FillAsync(StaffSession.TotpCode(key));
        await accounting.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        await accounting.GotoAsync($"/{tenant.Code}/staff/payments/reconciliation");
        await accounting.AssertAccessibleAsync();
        await ImportAsync(accounting, "決済事業者の入金明細（CSV）", "settlement.csv", settlement);
        await ImportAsync(accounting, "窓口端末の日計（CSV）", "journal.csv", journal);

        var rows = accounting.Locator("table.mismatches tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(planted);
        await Assertions.Expect(rows.First).ToContainTextAsync("入金があるが対応する支払い（申請）がない");
        await Assertions.Expect(accounting.Locator("table.mismatches caption")).ToHaveTextAsync("不一致：1件");
        await Assertions.Expect(accounting.GetByText(paid.ProviderPaymentId!)).ToHaveCountAsync(0);
        await Assertions.Expect(accounting.GetByText(transaction)).ToHaveCountAsync(0);
        await Assertions.Expect(accounting.Locator("table:not(.mismatches) tbody tr")).ToContainTextAsync("900円");
        await accounting.AssertAccessibleAsync();
        await accounting.ScreenshotAsync("payments-reconciliation");
        await accounting.Context.CloseAsync();
    }

    /// <summary>Starts an application (already signed in), fills its one page and goes to the check page; returns the application id.</summary>
    private static async Task<Guid> FillAsync(IPage page, int copies)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pages/0$"));
        var id = Guid.Parse(ApplicationIdInUrl().Match(page.Url).Groups[1].Value);
        await page.AssertAccessibleAsync();
        await Field(page, "/requester/name").FillAsync("山田 太郎");
        await Field(page, "/requester/nameKana").FillAsync("ヤマダ タロウ");
        await page.Locator("select[name='/requester/birthDate:era']").SelectOptionAsync("昭和");
        await page.Locator("[name='/requester/birthDate:year']").FillAsync("55");
        await page.Locator("[name='/requester/birthDate:month']").FillAsync("4");
        await page.Locator("[name='/requester/birthDate:day']").FillAsync("1");
        await Field(page, "/requester/address").FillAsync("宮城県塩竈市旭町1番1号");
        await Field(page, "/requester/phone").FillAsync("022-364-1111");
        await ChoiceAsync(page, "/scope", "本人のみ");
        await Field(page, "/copies").FillAsync(copies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ChoiceAsync(page, "/purpose", "年金の手続");
        await page.GetByRole(AriaRole.Button, new() { Name = "入力内容の確認へ" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("入力内容の確認");
        return id;
    }

    private static ILocator Field(IPage page, string pointer) => page.Locator($"[name='{pointer}']");

    /// <summary>Types a card on the provider's hosted page, as a resident does, and pays.</summary>
    private static async Task TypeCardAsync(IPage page, string number)
    {
        await page.GetByLabel("カード番号").FillAsync(number);
        await page.GetByLabel("有効期限（月/年）").FillAsync("12/34");
        await page.GetByLabel("セキュリティコード").FillAsync("123");
        await page.GetByLabel("カード名義").FillAsync("TARO YAMADA");
        await page.GetByRole(AriaRole.Button, new() { Name = "600円を支払う" }).ClickAsync();
    }

    /// <summary>A choice is radio buttons or, with many options, a select.</summary>
    private static async Task ChoiceAsync(IPage page, string pointer, string value)
    {
        var radio = page.Locator($"input[type=radio][name='{pointer}'][value='{value}']");
        if (await radio.CountAsync() > 0)
        {
            await radio.CheckAsync();
        }
        else
        {
            await page.Locator($"select[name='{pointer}']").SelectOptionAsync(value);
        }
    }

    private static async Task CheckAtBothWidthsAsync(IPage page, string screenshot)
    {
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(screenshot + "-1280");
        await page.SetViewportSizeAsync(320, 900);
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.ScreenshotAsync(screenshot + "-320");
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static async Task ImportAsync(IPage page, string label, string name, string csv)
    {
        var input = page.GetByLabel(label);
        await input.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("form").Filter(new() { Has = input }).GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("新しい行");
        await page.AssertAccessibleAsync();
    }

    private Task<Payment> PaymentAsync(Guid applicationId) =>
        App.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == applicationId));

    private Task<int> PaymentCountAsync(TestData.TenantInfo tenant) =>
        App.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().CountAsync(p => p.TenantId == tenant.Id));
}
