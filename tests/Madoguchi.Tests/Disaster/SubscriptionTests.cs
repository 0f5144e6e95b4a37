using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Disaster;

public sealed partial class SubscriptionTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [GeneratedRegex(@"https?://\S+/disaster/subscription/[0-9a-f]{48}")]
    private static partial Regex ManageLink();

    [Fact]
    public async Task A_resident_subscribes_with_an_e_mail_and_only_counts_after_opening_the_link()
    {
        var s = await app.DisasterTenantAsync();
        var browser = app.Browser();
        var url = $"/{s.Tenant.Code}/disaster/subscribe";
        var page = await browser.GetPageAsync(url);
        Assert.Contains("古川", page.Text);
        var email = $"resident-{Guid.NewGuid():N}@example.jp";
        var response = await browser.PostRepeatedAsync(page,
        [
            ("Input.Email", email), ("Input.AreaIds", s.Areas["古川"].ToString()), ("Input.AreaIds", s.Areas["松山"].ToString()),
            ("Input.Language", "English"), ("Input.ByEmail", "true"), ("Input.ByEmail", "false"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("確認のメールを送りました", (await browser.GetPageAsync(url)).Text);

        var subscriber = await app.DbAsync(db => db.Set<Subscriber>().IgnoreQueryFilters().SingleAsync(x => x.Email == email));
        Assert.Null(subscriber.ConfirmedAt);
        Assert.Equal(NoticeLanguage.English, subscriber.Language);
        Assert.Equal(2, await app.DbAsync(db => db.Set<SubscriberArea>().IgnoreQueryFilters().CountAsync(a => a.SubscriberId == subscriber.Id)));

        var mail = await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().SingleAsync(m => m.To == email));
        var link = new Uri(ManageLink().Match(mail.TextBody).Value);
        var manage = await browser.GetPageAsync(link.PathAndQuery);
        Assert.Contains("未確定", manage.Text);
        response = await browser.SubmitAsync(manage, new Dictionary<string, string>(), "main form[action*='Confirm']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("登録を確定しました", (await browser.GetPageAsync(link.PathAndQuery)).Text);
        subscriber = await app.DbAsync(db => db.Set<Subscriber>().IgnoreQueryFilters().SingleAsync(x => x.Email == email));
        Assert.NotNull(subscriber.ConfirmedAt);
    }

    [Fact]
    public async Task Bad_input_is_told_next_to_each_field_and_nothing_is_saved()
    {
        var s = await app.DisasterTenantAsync();
        var browser = app.Browser();
        var page = await browser.GetPageAsync($"/{s.Tenant.Code}/disaster/subscribe");
        var response = await browser.PostRepeatedAsync(page,
            [("Input.Email", "not-an-address"), ("Input.ByEmail", "false"), ("Input.WebhookUrl", "http://example.jp/hook")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("メールアドレスの形式が正しくありません。", html);
        Assert.Contains("地区を一つ以上選んでください。", html);
        Assert.Contains("WebhookのURLは https:// で始まるアドレスを入力してください。", html);
        Assert.Contains("error-summary", html);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Subscriber>().IgnoreQueryFilters().CountAsync(x => x.TenantId == s.Tenant.Id)));
    }

    [Fact]
    public async Task Subscribing_a_known_address_again_changes_nothing_but_mails_its_owner_the_link()
    {
        var s = await app.DisasterTenantAsync();
        var existing = (await app.SubscribersAsync(s, 1, $"known-{Guid.NewGuid():N}-", "古川"))[0];
        var browser = app.Browser();
        var page = await browser.GetPageAsync($"/{s.Tenant.Code}/disaster/subscribe");
        await browser.PostRepeatedAsync(page, [("Input.Email", existing.Email), ("Input.AreaIds", s.Areas["鹿島台"].ToString()), ("Input.ByEmail", "true")]);
        var areas = await app.DbAsync(db => db.Set<SubscriberArea>().IgnoreQueryFilters().Where(a => a.SubscriberId == existing.Id).Select(a => a.AreaId).ToListAsync());
        Assert.Equal([s.Areas["古川"]], areas);
        var mail = await app.DbAsync(db => db.Set<OutboxMail>().IgnoreQueryFilters().SingleAsync(m => m.To == existing.Email));
        Assert.Contains("既に登録されています", mail.TextBody);
    }

    [Fact]
    public async Task A_forged_manage_or_unsubscribe_link_is_a_404_in_japanese_and_records_nothing()
    {
        var s = await app.DisasterTenantAsync();
        var browser = app.Browser();
        var audit = await app.CountAsync<Madoguchi.Platform.Audit.AuditEntry>();
        var manage = await browser.GetAsync($"/{s.Tenant.Code}/disaster/subscription/{new string('a', 48)}");
        Assert.Equal(HttpStatusCode.NotFound, manage.StatusCode);
        Assert.Contains("ページが見つかりません", await manage.Content.ReadAsStringAsync());
        var unsubscribe = await browser.PostAsync($"/{s.Tenant.Code}/disaster/unsubscribe/forged-token", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, unsubscribe.StatusCode);
        Assert.Equal(audit, await app.CountAsync<Madoguchi.Platform.Audit.AuditEntry>());
    }

    [Fact]
    public async Task Staff_of_the_crisis_department_add_areas_and_others_are_refused()
    {
        var s = await app.DisasterTenantAsync();
        var composer = await app.SignInAsync(s.Composer);
        var url = $"/{s.Tenant.Code}/staff/disaster/areas";
        var response = await composer.SubmitAsync(url, new Dictionary<string, string> { ["Input.Name"] = "岩出山", ["Input.NameEn"] = "Iwadeyama" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("岩出山", (await composer.GetPageAsync(url)).Text);
        response = await composer.SubmitAsync(url, new Dictionary<string, string> { ["Input.Name"] = "岩出山" });
        Assert.Contains("この地区名は既に登録されています。", await response.Content.ReadAsStringAsync());

        var other = await app.StaffAsync(s.Tenant, (Madoguchi.Platform.Staff.StaffRoleKind.Reviewer, s.Tenant.DepartmentId));
        var outsider = await app.SignInAsync(other);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(url)).StatusCode);
    }
}
