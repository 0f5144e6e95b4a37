using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Procedures;

/// <summary>
/// After submission in chromium: staff take the case and ask for a correction on the case page, the
/// resident reads it on their application page and writes back; both pages pass axe at 1280 and 320 px.
/// </summary>
public sealed class CasePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "risai-shoumei";

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Staff_case_page_and_resident_application_page_are_accessible(int width)
    {
        var tenant = await browser.App.TenantAsync();
        await browser.App.OfferAsync(tenant, Key);

        // The resident applies (the form's contents set as the sample application).
        var resident = await browser.NewPageAsync(width);
        await resident.GotoAsync($"/{tenant.Code}/procedures/{Key}");
        await resident.GetByRole(AriaRole.Button, new() { Name = "オンラインで申請する" }).ClickAsync();
        await resident.GetByLabel("山田 太郎（マイナンバーカードあり）").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();
        await Assertions.Expect(resident).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pages/0$"));
        var id = Guid.Parse(resident.Url.Split('/')[^3]);
        await browser.App.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(Key))));
        await resident.GotoAsync($"/{tenant.Code}/applications/{id}/check");
        await resident.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請を受け付けました");

        // Staff: the queue, the case page, take it on, ask for a correction, note something.
        var approver = await browser.App.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var staff = await browser.NewPageAsync(width);
        await staff.GotoAsync("/staff/login");
        await staff.GetByLabel("メールアドレス").FillAsync(approver.Email);
        await staff.GetByLabel("パスワード").FillAsync(approver.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await staff.GotoAsync($"/{tenant.Code}/staff/applications?assignee=none");
        await staff.AssertAccessibleAsync();
        await staff.AssertNoHorizontalScrollAsync();
        await staff.GotoAsync($"/{tenant.Code}/staff/applications/{id}");
        await staff.AssertAccessibleAsync();
        await staff.AssertNoHorizontalScrollAsync();
        await staff.GetByLabel("担当者", new() { Exact = true }).SelectOptionAsync("me");
        await staff.GetByRole(AriaRole.Button, new() { Name = "担当者を変更する" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("担当者を変更しました。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "補正を依頼する" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert).First).ToContainTextAsync("入力内容を確認してください");
        await staff.AssertAccessibleAsync();
        await staff.GetByLabel("申請者へのお願い").FillAsync("罹災日を確認してください。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "補正を依頼する" }).ClickAsync();
        await staff.GetByLabel("メモ").FillAsync("電話で確認予定");
        await staff.GetByRole(AriaRole.Button, new() { Name = "メモを追加する" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("内部メモを追加しました。");
        await staff.AssertAccessibleAsync();
        await staff.AssertNoHorizontalScrollAsync();
        await staff.ScreenshotAsync($"case-staff-{width}");

        // The resident: 申請一覧 → the application page with the request, a reply.
        await resident.GotoAsync($"/{tenant.Code}/account/applications");
        await resident.GetByRole(AriaRole.Link, new() { Name = "罹災証明書", Exact = false }).First.ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Region, new() { Name = "補正のお願い" })).ToContainTextAsync("罹災日を確認してください。");
        await resident.AssertAccessibleAsync();
        await resident.AssertNoHorizontalScrollAsync();
        await resident.GetByLabel("担当課へのメッセージ").FillAsync("確認して修正します。");
        await resident.GetByRole(AriaRole.Button, new() { Name = "メッセージを送る" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("メッセージを送りました。");
        await Assertions.Expect(resident.GetByText("電話で確認予定")).ToHaveCountAsync(0);
        await resident.AssertAccessibleAsync();
        await resident.ScreenshotAsync($"case-resident-{width}");
        await resident.GotoAsync($"/{tenant.Code}/account/applications/{id}/withdraw");
        await resident.AssertAccessibleAsync();
        await resident.AssertNoHorizontalScrollAsync();

        await staff.Context.CloseAsync();
        await resident.Context.CloseAsync();
    }
}
