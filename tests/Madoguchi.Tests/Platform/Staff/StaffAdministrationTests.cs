using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Platform.Staff;

public sealed partial class StaffAdministrationTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [GeneratedRegex(@"http://[^\s]+/staff/invitations/[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Invited_person_sets_a_password_gets_the_role_and_can_sign_in()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var email = $"new-{Guid.NewGuid():N}@example.jp";

        var invite = await admin.SubmitAsync($"/{tenant.Code}/staff/members", new Dictionary<string, string>
        {
            ["Invite.Email"] = email, ["Invite.DisplayName"] = "新任 花子",
            ["Invite.Role"] = nameof(StaffRoleKind.Reviewer), ["Invite.DepartmentId"] = tenant.DepartmentId.ToString(),
        }, "form[action*=Invite]");
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);

        var mail = await app.DbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.To == email));
        Assert.Contains(tenant.Name, mail.Subject);
        var link = new Uri(InvitationLink().Match(mail.TextBody).Value);

        var newcomer = app.Browser();
        var accepted = await newcomer.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "新任 花子", ["Input.Password"] = "haruno-sakura-2026", ["Input.ConfirmPassword"] = "haruno-sakura-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var home = await newcomer.GetPageAsync($"/{tenant.Code}/staff");
        Assert.Contains("市民課 審査担当", home.Text);

        // The link works once.
        var reused = await app.Browser().GetPageAsync(link.PathAndQuery);
        Assert.Contains("無効か、有効期限が切れています", reused.Text);
        Assert.Equal(0, await app.DbAsync(db => db.Set<StaffInvitation>().IgnoreQueryFilters().CountAsync(i => i.Email == email)));
    }

    [Fact]
    public async Task Inviting_twice_keeps_one_invitation_and_invalid_input_changes_nothing()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var email = $"twice-{Guid.NewGuid():N}@example.jp";
        var fields = new Dictionary<string, string>
        {
            ["Invite.Email"] = email, ["Invite.DisplayName"] = "二重 送信",
            ["Invite.Role"] = nameof(StaffRoleKind.Approver), ["Invite.DepartmentId"] = tenant.DepartmentId.ToString(),
        };
        var page = await admin.GetPageAsync($"/{tenant.Code}/staff/members");
        var results = await Task.WhenAll(admin.SubmitAsync(page, fields, "form[action*=Invite]"), admin.SubmitAsync(page, fields, "form[action*=Invite]"));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await app.DbAsync(db => db.Set<StaffInvitation>().IgnoreQueryFilters().CountAsync(i => i.Email == email)));

        var before = await app.CountAsync<OutboxMail>();
        var bad = await admin.SubmitAsync($"/{tenant.Code}/staff/members", new Dictionary<string, string>
        {
            ["Invite.Email"] = "not-an-address", ["Invite.DisplayName"] = "", ["Invite.Role"] = nameof(StaffRoleKind.Reviewer), ["Invite.DepartmentId"] = "",
        }, "form[action*=Invite]");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal("メールアドレスの形式が正しくありません。", html.QuerySelector("#Invite_Email-error")!.TextContent);
        Assert.Equal("氏名を入力してください。", html.QuerySelector("#Invite_DisplayName-error")!.TextContent);
        Assert.Equal("課を選んでください。", html.QuerySelector("#Invite_DepartmentId-error")!.TextContent);
        Assert.Equal(3, html.QuerySelectorAll(".error-summary li").Length);
        Assert.Equal(before, await app.CountAsync<OutboxMail>());
    }

    [Fact]
    public async Task Revoking_a_role_takes_effect_on_the_members_next_request()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var member = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId), (StaffRoleKind.TenantAdmin, null));
        var key = await app.EnableTotpAsync(member);
        var memberClient = await app.SignInAsync(member, key);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync($"/{tenant.Code}/staff/members")).StatusCode);

        var detail = await admin.GetPageAsync($"/{tenant.Code}/staff/members/{member.Id}");
        var adminRole = await app.DbAsync(db => db.Set<StaffRole>().IgnoreQueryFilters().SingleAsync(r => r.StaffUserId == member.Id && r.Role == StaffRoleKind.TenantAdmin));
        var revoke = await admin.SubmitAsync(detail, new Dictionary<string, string> { ["roleId"] = adminRole.Id.ToString() },
            $"form[action*=Revoke]:has(input[value='{adminRole.Id}'])");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        await app.DbAsync(async db => Assert.False(await db.Set<StaffRole>().IgnoreQueryFilters().AnyAsync(r => r.Id == adminRole.Id)));
        // The security stamp changed, so the member's old cookie no longer opens admin pages.
        var after = await memberClient.GetAsync($"/{tenant.Code}/staff/members");
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Locked_member_cannot_sign_in_and_loses_the_open_session()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var member = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var session = await app.SignInAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/{tenant.Code}/staff")).StatusCode);
        var locked = await admin.SubmitAsync($"/{tenant.Code}/staff/members/{member.Id}", new Dictionary<string, string>(), "form[action*=Lock]");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        var attempt = await app.Browser().SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = member.Password });
        Assert.Contains("一時的にロックされています", await attempt.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync($"/{tenant.Code}/staff")).StatusCode);
    }

    [Fact]
    public async Task Admin_resets_a_members_lost_authenticator_and_the_member_enrols_again()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var member = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var oldKey = await app.EnableTotpAsync(member);

        var reset = await admin.SubmitAsync($"/{tenant.Code}/staff/members/{member.Id}", new Dictionary<string, string>(), "form[action*=ResetTwoFactor]");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // Password alone now; as an admin the member is sent to enrol a new authenticator.
        var client = await app.SignInAsync(member);
        var next = await client.GetAsync($"/{tenant.Code}/staff/members");
        Assert.Equal("/staff/two-factor", next.Headers.Location!.OriginalString);
        var setup = await client.GetPageAsync("/staff/two-factor");
        var newKey = setup.Document.QuerySelector("code")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEqual(oldKey, newKey);
    }

    [Fact]
    public async Task Two_admins_editing_one_department_the_second_is_told_instead_of_overwriting()
    {
        var tenant = await app.TenantAsync();
        var (_, first) = await app.TenantAdminAsync(tenant);
        var (_, second) = await app.TenantAdminAsync(tenant);
        var url = $"/{tenant.Code}/staff/departments?edit={tenant.DepartmentId}";
        var pageA = await first.GetPageAsync(url);
        var pageB = await second.GetPageAsync(url);

        var saved = await first.SubmitAsync(pageA, new Dictionary<string, string> { ["Input.Name"] = "市民生活課" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = await second.SubmitAsync(pageB, new Dictionary<string, string> { ["Input.Name"] = "住民課" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("他の職員が先にこの課を更新しました", await conflict.Content.ReadAsStringAsync());

        var name = await app.DbAsync(db => db.Departments.IgnoreQueryFilters().Where(d => d.Id == tenant.DepartmentId).Select(d => d.Name).SingleAsync());
        Assert.Equal("市民生活課", name);
    }

    [Fact]
    public async Task Department_is_added_and_a_duplicate_name_is_refused_at_the_field()
    {
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var added = await admin.SubmitAsync($"/{tenant.Code}/staff/departments", new Dictionary<string, string> { ["Input.Name"] = "危機管理課", ["Input.NameEn"] = "Crisis Management" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var duplicate = await admin.SubmitAsync($"/{tenant.Code}/staff/departments", new Dictionary<string, string> { ["Input.Name"] = "危機管理課" });
        var html = Html.Parse(await duplicate.Content.ReadAsStringAsync());
        Assert.Equal("同じ名前の課が既にあります。", html.QuerySelector("#Input_Name-error")!.TextContent);
        Assert.Equal(1, await app.DbAsync(db => db.Set<Department>().IgnoreQueryFilters().CountAsync(d => d.TenantId == tenant.Id && d.Name == "危機管理課")));
    }
}
