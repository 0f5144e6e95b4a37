using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Identity;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Identity;

/// <summary>Residents without a card: e-mail registration, verification link, password sign-in, lockout.</summary>
public sealed partial class PasswordAccountTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static readonly string Password = TestData.Password;

    [GeneratedRegex(@"https?://\S+/account/verify-email\?\S+")]
    private static partial Regex VerificationLink();

    private static string NewEmail() => $"resident-{Guid.NewGuid():N}@example.jp";

    private async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string tenantCode, string email, string? password = null, string name = "高橋 花子") =>
        await client.SubmitAsync($"/{tenantCode}/account/register", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password ?? Password,
        });

    private async Task<string> VerificationLinkAsync(string email)
    {
        var mail = await app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).FirstAsync());
        return new Uri(VerificationLink().Match(mail.TextBody).Value).PathAndQuery;
    }

    private async Task<HttpResponseMessage> PasswordLoginAsync(HttpClient client, string tenantCode, string email, string password) =>
        await client.SubmitAsync($"/{tenantCode}/account/password-login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    private async Task<HttpClient> RegisteredAndVerifiedAsync(string tenantCode, string email)
    {
        var client = app.Browser();
        await RegisterAsync(client, tenantCode, email);
        var verify = await client.GetPageAsync(await VerificationLinkAsync(email));
        var confirmed = await client.SubmitAsync(verify, new Dictionary<string, string>());
        Assert.Contains("メールアドレスを確認しました。", await confirmed.Content.ReadAsStringAsync());
        return client;
    }

    [Fact]
    public async Task Register_verify_and_sign_in_with_the_password_level()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        var client = await RegisteredAndVerifiedAsync(tenant.Code, email);

        var login = await PasswordLoginAsync(client, tenant.Code, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal($"/{tenant.Code}/account", login.Headers.Location!.OriginalString);

        var account = await client.GetPageAsync($"/{tenant.Code}/account");
        Assert.Contains("高橋 花子", account.Text);
        Assert.Contains(email, account.Text);
        var levels = account.Document.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains("パスワード", levels);
        Assert.DoesNotContain("マイナンバーカード", levels);
    }

    [Fact]
    public async Task Registration_queues_one_verification_mail_with_a_link_to_this_municipality()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        var response = await RegisterAsync(app.Browser(), tenant.Code, email);

        Assert.Contains("確認のメールを送りました。", await response.Content.ReadAsStringAsync());
        var mail = Assert.Single(await app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).ToListAsync()));
        Assert.Equal(tenant.Id, mail.TenantId);
        Assert.Contains("メールアドレスの確認", mail.Subject);
        Assert.StartsWith($"/{tenant.Code}/account/verify-email?", await VerificationLinkAsync(email));
        var account = Assert.Single(await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().Where(r => r.Email == email).ToListAsync()));
        Assert.False(account.EmailConfirmed);
        Assert.DoesNotContain(Password, account.PasswordHash!);
    }

    [Fact]
    public async Task Sign_in_before_verification_is_refused()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        var client = app.Browser();
        await RegisterAsync(client, tenant.Code, email);

        var login = await PasswordLoginAsync(client, tenant.Code, email, Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("メールアドレスの確認が済んでいません。", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{tenant.Code}/account")).StatusCode);
    }

    [Fact]
    public async Task Verification_link_with_a_wrong_token_confirms_nothing()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        var client = app.Browser();
        await RegisterAsync(client, tenant.Code, email);
        var link = await VerificationLinkAsync(email);
        var wrong = Regex.Replace(link, "token=[^&]+", "token=not-the-token");

        var page = await client.GetPageAsync(wrong);
        var response = await client.SubmitAsync(page, new Dictionary<string, string>());

        Assert.Contains("このリンクは無効か、有効期限が切れています。", await response.Content.ReadAsStringAsync());
        Assert.False((await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().SingleAsync(r => r.Email == email))).EmailConfirmed);
    }

    [Fact]
    public async Task Verification_link_does_not_work_at_another_municipality()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var email = NewEmail();
        var client = app.Browser();
        await RegisterAsync(client, tenant.Code, email);
        var link = (await VerificationLinkAsync(email)).Replace($"/{tenant.Code}/", $"/{other.Code}/", StringComparison.Ordinal);

        var response = await client.SubmitAsync(await client.GetPageAsync(link), new Dictionary<string, string>());

        Assert.Contains("このリンクは無効か、有効期限が切れています。", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        var client = await RegisteredAndVerifiedAsync(tenant.Code, email);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await PasswordLoginAsync(client, tenant.Code, email, "wrong-password-" + i);
            Assert.Contains("メールアドレスまたはパスワードが正しくありません。", await wrong.Content.ReadAsStringAsync());
        }

        var fifth = await PasswordLoginAsync(client, tenant.Code, email, "wrong-password-5");
        Assert.Contains("ログインを一時的に止めています", await fifth.Content.ReadAsStringAsync());

        var right = await PasswordLoginAsync(client, tenant.Code, email, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("ログインを一時的に止めています", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{tenant.Code}/account")).StatusCode);

        var account = await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().SingleAsync(r => r.Email == email));
        Assert.True(account.LockoutEnd > DateTime.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        var tenant = await app.TenantAsync();
        var response = await PasswordLoginAsync(app.Browser(), tenant.Code, NewEmail(), Password);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", page.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task Invalid_registration_shows_Japanese_errors_at_the_fields_and_in_the_summary()
    {
        var tenant = await app.TenantAsync();
        var response = await RegisterAsync(app.Browser(), tenant.Code, "not-an-address", password: "short", name: "");

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains("氏名を入力してください。", summary.TextContent);
        Assert.Contains("メールアドレスの形式が正しくありません。", summary.TextContent);
        Assert.Contains("パスワードは12文字以上で入力してください。", summary.TextContent);
        foreach (var (id, message) in new[] { ("Input_Name", "氏名を入力してください。"), ("Input_Email", "メールアドレスの形式が正しくありません。"), ("Input_Password", "パスワードは12文字以上で入力してください。") })
        {
            var input = page.GetElementById(id)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"{id}-error", input.GetAttribute("aria-describedby")!.Split(' '));
            Assert.Equal(message, page.GetElementById($"{id}-error")!.TextContent);
            Assert.NotNull(page.QuerySelector($"label[for='{id}']"));
            Assert.NotNull(summary.QuerySelector($"a[href='#{id}']"));
        }

        Assert.Equal(0, await app.DbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Registering_an_address_twice_keeps_one_account_and_does_not_reveal_it()
    {
        var tenant = await app.TenantAsync();
        var email = NewEmail();
        await RegisterAsync(app.Browser(), tenant.Code, email);

        var again = await RegisterAsync(app.Browser(), tenant.Code, email.ToUpperInvariant());

        Assert.Contains("確認のメールを送りました。", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().CountAsync(r => r.TenantId == tenant.Id)));
        Assert.Equal(2, await app.DbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Card_sign_in_without_a_provider_explains_itself_in_Japanese()
    {
        var tenant = await app.TenantAsync();
        var response = await app.Browser().GetAsync($"/{tenant.Code}/account/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await app.Browser().GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("マイナンバーカードでのログインは準備中です", page.Document.QuerySelector("h1")!.TextContent);
    }
}
