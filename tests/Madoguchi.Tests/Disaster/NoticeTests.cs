using System.Net;
using Madoguchi.Disaster.Notices;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Disaster;

/// <summary>Writing, approving and fanning out notices (no SMTP server here: deliveries stay queued).</summary>
public sealed class NoticeTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task A_second_person_approves_and_every_subscriber_of_the_areas_is_queued_once()
    {
        var s = await app.DisasterTenantAsync();
        var furukawa = await app.SubscribersAsync(s, 5, $"f-{Guid.NewGuid():N}-", "古川");
        var both = await app.SubscribersAsync(s, 3, $"b-{Guid.NewGuid():N}-", "古川", "松山");
        var elsewhere = await app.SubscribersAsync(s, 4, $"k-{Guid.NewGuid():N}-", "鹿島台");
        var composer = await app.SignInAsync(s.Composer);
        var id = await composer.ComposeAsync(s, "Level4", "大雨による避難指示", ["古川", "松山"]);

        // The author sees no send button and cannot send by posting either.
        var own = await composer.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        Assert.Contains("承認待ち", own.Text);
        Assert.Null(own.Document.QuerySelector("form[action*='handler=Send']"));

        var approver = await app.SignInAsync(s.Approver);
        var page = await approver.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        var response = await approver.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await approver.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        Assert.Contains("配信状況", after.Text);

        var queued = await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().Where(d => d.NoticeId == id).Select(d => d.SubscriberId).ToListAsync());
        Assert.Equal(furukawa.Concat(both).Select(x => x.Id).Order(), queued.Order());
        Assert.DoesNotContain(elsewhere[0].Id, queued);
        var notice = await app.DbAsync(db => db.Set<Notice>().IgnoreQueryFilters().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeStatus.Sending, notice.Status);
        Assert.Equal(8, notice.Queued);

        // A second approval (another tab, a double click) sends nothing more.
        var again = await approver.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("既に送信された", await again.Content.ReadAsStringAsync());
        Assert.Equal(8, await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().CountAsync(d => d.NoticeId == id)));
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_notice()
    {
        var s = await app.DisasterTenantAsync();
        await app.SubscribersAsync(s, 1, $"o-{Guid.NewGuid():N}-", "古川");
        // An approver who writes a notice still needs someone else.
        var approver = await app.SignInAsync(s.Approver);
        var id = await approver.ComposeAsync(s, "Level3", "高齢者等避難", ["古川"]);
        var page = await approver.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Send']"));
        var withdraw = page.Document.QuerySelector("form[action*='handler=Withdraw']")!;
        var token = withdraw.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await approver.PostAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}?handler=Send",
            new FormUrlEncodedContent([new("Version", "0"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().CountAsync(d => d.NoticeId == id)));
    }

    [Fact]
    public async Task Without_required_approval_the_author_sends_it_and_a_language_left_empty_falls_back_to_japanese()
    {
        var s = await app.DisasterTenantAsync(requireApproval: false);
        await app.SubscribersAsync(s, 2, $"n-{Guid.NewGuid():N}-", "三本木");
        var composer = await app.SignInAsync(s.Composer);
        var id = await composer.ComposeAsync(s, "Level5", "緊急安全確保", ["三本木"], english: null, easy: "すぐに たかい ところへ にげて ください。");
        var page = await composer.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        var response = await composer.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().CountAsync(d => d.NoticeId == id)));

        var notice = await app.DbAsync(db => db.Set<Notice>().IgnoreQueryFilters().SingleAsync(n => n.Id == id));
        var english = NoticeText.Message(notice, "テスト市", ["三本木"], Madoguchi.Disaster.Subscriptions.NoticeLanguage.English, "https://x/unsub", out var fellBack);
        Assert.True(fellBack);
        Assert.Contains("This notice has no English text; it is sent in Japanese.", english);
        Assert.Contains("直ちに避難所へ避難してください。", english);
        var easy = NoticeText.Message(notice, "テスト市", ["三本木"], Madoguchi.Disaster.Subscriptions.NoticeLanguage.EasyJapanese, "https://x/unsub", out fellBack);
        Assert.False(fellBack);
        Assert.Contains("すぐに たかい ところへ にげて ください。", easy);
        Assert.Contains("https://x/unsub", easy);
    }

    [Fact]
    public async Task A_notice_to_areas_nobody_subscribed_to_is_refused_with_a_clear_message()
    {
        var s = await app.DisasterTenantAsync();
        var composer = await app.SignInAsync(s.Composer);
        var page = await composer.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/new");
        var response = await composer.PostRepeatedAsync(page,
            [("Input.Level", "Level4"), ("Input.Title", "避難指示"), ("Input.BodyJapanese", "避難してください。"), ("Input.AreaIds", s.Areas["鹿島台"].ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("選んだ地区には配信先の登録者がいません。", await response.Content.ReadAsStringAsync());

        response = await composer.PostRepeatedAsync(page, [("Input.Title", "")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("区分を選んでください。", html);
        Assert.Contains("件名を入力してください。", html);
        Assert.Contains("日本語の本文を入力してください。", html);
        Assert.Contains("対象地区を一つ以上選んでください。", html);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Notice>().IgnoreQueryFilters().CountAsync(n => n.TenantId == s.Tenant.Id)));
    }

    [Fact]
    public async Task Subscribers_who_all_left_before_approval_make_the_send_refused_not_silently_done()
    {
        var s = await app.DisasterTenantAsync();
        var only = await app.SubscribersAsync(s, 1, $"l-{Guid.NewGuid():N}-", "松山");
        var composer = await app.SignInAsync(s.Composer);
        var id = await composer.ComposeAsync(s, "Level4", "避難指示", ["松山"]);
        await app.DbAsync(db => db.Set<Madoguchi.Disaster.Subscriptions.Subscriber>().IgnoreQueryFilters().Where(x => x.Id == only[0].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.UnsubscribedAt, DateTime.UtcNow)));
        var approver = await app.SignInAsync(s.Approver);
        var page = await approver.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        var response = await approver.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']");
        Assert.Contains("対象地区に配信先の登録者がいないため、送信できません。", await response.Content.ReadAsStringAsync());
        var notice = await app.DbAsync(db => db.Set<Notice>().IgnoreQueryFilters().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeStatus.AwaitingApproval, notice.Status);
    }

    [Fact]
    public async Task A_notice_of_another_municipality_is_not_reachable()
    {
        var a = await app.DisasterTenantAsync();
        var b = await app.DisasterTenantAsync();
        await app.SubscribersAsync(b, 1, $"x-{Guid.NewGuid():N}-", "古川");
        var bComposer = await app.SignInAsync(b.Composer);
        var id = await bComposer.ComposeAsync(b, "Level4", "避難指示", ["古川"]);
        var aApprover = await app.SignInAsync(a.Approver);
        Assert.Equal(HttpStatusCode.NotFound, (await aApprover.GetAsync($"/{a.Tenant.Code}/staff/disaster/notices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aApprover.GetAsync($"/{b.Tenant.Code}/staff/disaster/notices/{id}")).StatusCode);
    }
}
